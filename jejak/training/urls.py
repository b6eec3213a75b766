from django.urls import path

from jejak.training import order_views, support_views, views

app_name = "training"
CO = "o/<code:org>/training-orders/<code:order>"  # the company's view of its order
BO = "o/<code:org>/orders/<code:order>"  # the BLK's
urlpatterns = [
    path("o/<code:org>/programs/", views.programme_list, name="programmes"),
    path("o/<code:org>/programs/new/", views.programme_edit, name="programme_new"),
    path("o/<code:org>/programs/<code:programme>/", views.programme_edit, name="programme_edit"),
    path("o/<code:org>/batches/", views.batch_list, name="batches"),
    path("o/<code:org>/batches/new/", views.batch_new, name="batch_new"),
    path("o/<code:org>/batches/template.csv", views.trainee_template, name="template"),
    path(
        "o/<code:org>/batches/outcomes-template.<word:fmt>",
        views.outcome_template,
        name="outcome_template",
    ),
    path("o/<code:org>/batches/<code:batch>/", views.batch_detail, name="batch"),
    path("o/<code:org>/batches/<code:batch>/edit/", views.batch_edit, name="batch_edit"),
    path("o/<code:org>/batches/<code:batch>/import/", views.trainee_import, name="import"),
    path(
        "o/<code:org>/batches/<code:batch>/outcomes/",
        views.outcome_import,
        name="outcome_import",
    ),
    path("o/<code:org>/batches/<code:batch>/tracer/", views.batch_campaign, name="campaign"),
    path("o/<code:org>/batches/<code:batch>/report.<word:fmt>", views.batch_report, name="report"),
    path("o/<code:org>/training-indicators/", views.blk_indicators, name="indicators"),
    path("o/<code:org>/trainees/<code:enrolment>/results/", views.results, name="results"),
    path("o/<code:org>/trainees/<code:enrolment>/decide/", views.signup_decide, name="decide"),
    path(
        "o/<code:org>/trainees/<code:enrolment>/same-person/", views.same_person, name="same_person"
    ),
    path(
        "o/<code:org>/trainees/<code:enrolment>/same-person/undo/",
        views.same_person_undo,
        name="same_person_undo",
    ),
    path("o/<code:org>/blk/", views.office_blks, name="office_blks"),
    path(
        "o/<code:org>/trainees/<code:enrolment>/business/",
        support_views.trainee_support,
        name="support",
    ),
    path("o/<code:org>/link-and-match/", views.link_and_match, name="link_and_match"),
    path("o/<code:org>/network/", support_views.network, name="network"),
    path("me/jaringan/", support_views.me_network, name="me_network"),
    path(
        "me/jaringan/<code:enrolment>/gabung/",
        support_views.me_network_join,
        name="me_network_join",
    ),
    path(
        "me/jaringan/<code:enrolment>/keluar/",
        support_views.me_network_leave,
        name="me_network_leave",
    ),
    path("o/<code:org>/training-orders/", order_views.company_orders, name="company_orders"),
    path("o/<code:org>/training-orders/new/", order_views.order_new, name="order_new"),
    path(f"{CO}/", order_views.company_order, name="company_order"),
    path(f"{CO}/cancel/", order_views.order_cancel, name="order_cancel"),
    path(f"{CO}/graduates/", order_views.order_graduates, name="order_graduates"),
    path("o/<code:org>/orders/", order_views.blk_orders, name="blk_orders"),
    path(f"{BO}/", order_views.blk_order, name="blk_order"),
    path(f"{BO}/decide/", order_views.order_decide, name="order_decide"),
    path(f"{BO}/notes/", order_views.order_notes, name="order_notes"),
    path(f"{BO}/link/", order_views.order_link, name="order_link"),
    path(f"{BO}/batch/", order_views.order_batch_new, name="order_batch_new"),
    path(f"{BO}/batches/<code:batch>/notify/", order_views.order_notify, name="order_notify"),
    path("pelatihan/<code:batch>/daftar/", views.signup, name="signup"),
    path("pelatihan/<code:batch>/terkirim/", views.signup_sent, name="signup_sent"),
]
