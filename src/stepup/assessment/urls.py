from django.urls import path

from stepup.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.centre_list, name="centre-list"),
    path("new/", views.centre_create, name="centre-create"),
    path("national/", views.national_progress, name="national-progress"),
    path("invite/", views.invitations_send, name="invitations-send"),
    path("ranking/<int:number>/<str:code>/", views.ranking, name="ranking"),
    path("scoring/", views.scoring_list, name="scoring-list"),
    path("scoring/<int:pk>/", views.scoring, name="scoring"),
    path("scoring/days/<int:assessor_pk>/", views.your_day, name="your-day"),
    path("<int:pk>/", views.centre_detail, name="centre-detail"),
    path("<int:pk>/open/", views.centre_open, name="centre-open"),
    path("<int:pk>/timetable/", views.timetable, name="timetable"),
    path("<int:pk>/book/", views.booking_give, name="booking-give"),
    path("<int:pk>/day-sheet/", views.day_sheet, name="day-sheet"),
    path("<int:pk>/scoring-sheets/", views.scoring_sheets, name="scoring-sheets"),
    path("<int:pk>/held/", views.centre_hold, name="centre-hold"),
    path("<int:pk>/assessors/", views.assessors, name="assessors"),
    path(
        "<int:pk>/assessors/<int:assessor_pk>/",
        views.observations,
        name="observations",
    ),
    path(
        "<int:pk>/assessors/<int:assessor_pk>/conflict/",
        views.conflict,
        name="conflict",
    ),
    path(
        "<int:pk>/assessors/<int:assessor_pk>/paid/",
        views.expenses_paid,
        name="expenses-paid",
    ),
    path("<int:pk>/assessors/confirm/", views.assignments_confirm, name="assignments-confirm"),
    path("<int:pk>/wash-up/", views.washup, name="washup"),
    path("<int:pk>/wash-up/scores/<int:score_pk>/", views.moderate, name="moderate"),
    path(
        "<int:pk>/attendance/<int:invitation_pk>/",
        views.attendance,
        name="attendance",
    ),
    path(
        "<int:pk>/adjustments/<int:adjustment_pk>/",
        views.adjustment_answer,
        name="adjustment-answer",
    ),
]
