from django.urls import path

from stepup.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-in/code/", views.sign_in_code, name="sign-in-code"),
    path("sign-in/recovery-code/", views.sign_in_recovery, name="sign-in-recovery"),
    path("sign-in/set-up-app/", views.sign_in_set_up, name="sign-in-set-up"),
    path("sign-in/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("sign-in/forgotten-password/", views.password_forgotten, name="password-forgotten"),
    path("check-your-email/", views.check_email, name="check-email"),
    path("email-links/<str:token>/", views.email_link, name="email-link"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password-change"),
    path("account/email/", views.email_change, name="email-change"),
    path("account/confirm-email/", views.email_confirm_needed, name="email-confirm-needed"),
    path("account/recovery-codes/", views.recovery_codes_new, name="recovery-codes-new"),
    path(
        "people/<int:pk>/sign-in-app/reset/",
        views.second_factor_reset,
        name="second-factor-reset",
    ),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/new/", views.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation-detail"),
    path("people/", views.person_list, name="person-list"),
    path("people/invite/", views.person_invite, name="person-invite"),
    path("people/role-requests/", views.role_request_list, name="role-request-list"),
    path("people/role-requests/<int:pk>/", views.role_request_detail, name="role-request-detail"),
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
