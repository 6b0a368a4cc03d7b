from django.urls import path

from stepup.funding import views

app_name = "funding"

PARTNERSHIP = "partnership/<int:pk>/"
INSTALMENT = "instalment/<int:instalment_pk>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(PARTNERSHIP, views.statement, name="statement"),
    path(PARTNERSHIP + "statement.csv", views.statement_csv, name="statement-csv"),
    path(PARTNERSHIP + "statement.xlsx", views.statement_download_xlsx, name="statement-xlsx"),
    path(PARTNERSHIP + "instalments/add/", views.instalment_add, name="instalment-add"),
    path(PARTNERSHIP + "payment/", views.payment, name="payment"),
    path(PARTNERSHIP + "bursaries/", views.bursaries, name="bursaries"),
    path(PARTNERSHIP + "withdrawal/", views.withdrawal, name="withdrawal"),
    path(INSTALMENT + "evidence/", views.instalment_evidence, name="instalment-evidence"),
    path(INSTALMENT + "decide/", views.instalment_decide, name="instalment-decide"),
    path(INSTALMENT + "release/", views.instalment_release, name="instalment-release"),
    path("entry/<int:entry_pk>/reverse/", views.entry_reverse, name="entry-reverse"),
    path("repayment/<int:repayment_pk>/", views.repayment, name="repayment"),
]
