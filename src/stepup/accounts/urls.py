from django.urls import path

from stepup.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/invite/", views.person_invite, name="person-invite"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/roles/add/", views.person_role_add, name="person-role-add"),
    path(
        "people/<int:pk>/roles/<int:membership_pk>/remove/",
        views.person_role_remove,
        name="person-role-remove",
    ),
    path("people/<int:pk>/deactivate/", views.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", views.person_reactivate, name="person-reactivate"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
]
