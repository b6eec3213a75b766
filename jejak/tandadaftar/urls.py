from django.urls import path

from jejak.tandadaftar import views

app_name = "tandadaftar"
A = "o/<code:org>/tanda-daftar/<code:application>"
OFFICE = "o/<code:org>/tanda-daftar-bkk"
urlpatterns = [
    path("tanda-daftar/cek/<token:token>/", views.verify, name="verify"),
    path("o/<code:org>/tanda-daftar/", views.home, name="home"),
    path("o/<code:org>/tanda-daftar/mulai/", views.start, name="start"),
    path(f"{A}/", views.application, name="application"),
    path(f"{A}/lampiran/", views.upload, name="upload"),
    path(f"{A}/lampiran/<code:attachment>/", views.attachment, name="attachment"),
    path(f"{A}/ajukan/", views.submit, name="submit"),
    path(f"{A}/sertifikat.pdf", views.certificate, name="certificate"),
    path(f"{OFFICE}/", views.office_queue, name="office_queue"),
    path(f"{OFFICE}/tanpa-tanda-daftar/", views.office_missing, name="office_missing"),
    path(f"{OFFICE}/tanpa-tanda-daftar.csv", views.office_missing_csv, name="office_missing_csv"),
    path(f"{OFFICE}/sekolah/<code:school>/nonaktifkan/", views.office_deactivate,
         name="office_deactivate"),
    path(f"{OFFICE}/<code:application>/", views.office_review, name="office_review"),
    path(f"{OFFICE}/<code:application>/sertifikat.pdf", views.office_certificate,
         name="office_certificate"),
    path(f"{OFFICE}/<code:application>/lampiran/<code:attachment>/", views.office_attachment,
         name="office_attachment"),
]  # fmt: skip
