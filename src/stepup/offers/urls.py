from django.urls import path

from stepup.offers import views

app_name = "offers"

COHORT = "cohort/<int:number>/"
OFFER = "offer/<int:offer_pk>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(COHORT + "allocation/", views.allocation, name="allocation"),
    path(COHORT + "allocation/run/", views.allocation_run, name="allocation-run"),
    path(
        COHORT + "allocation/<int:run_pk>/confirm/",
        views.allocation_confirm,
        name="allocation-confirm",
    ),
    path(
        COHORT + "allocation/<int:run_pk>/input.json",
        views.allocation_input,
        name="allocation-input",
    ),
    path(COHORT + "places/", views.places, name="places"),
    path(COHORT + "places/fill/", views.places_fill, name="places-fill"),
    path(COHORT + "places/pool/", views.pool_add, name="pool-add"),
    path(COHORT + "places/close/", views.recruitment_close, name="recruitment-close"),
    path("partnership/<int:pk>/", views.partnership_offers, name="partnership-offers"),
    path("partnership/<int:pk>/make/", views.offers_make, name="offers-make"),
    path("partnership/<int:pk>/terms/", views.terms, name="terms"),
    path(OFFER, views.offer_detail, name="offer-detail"),
    path(OFFER + "withdraw/", views.offer_withdraw, name="offer-withdraw"),
    path(OFFER + "agreement/", views.agreement, name="agreement"),
    path(OFFER + "agreement/dates/", views.agreement_dates, name="agreement-dates"),
    path("checks/", views.conditions, name="conditions"),
    path("checks/<int:condition_pk>/", views.condition, name="condition"),
]
