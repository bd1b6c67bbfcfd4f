"""The workspace: where ministry staff, evaluators and coordinators do their work (under /workspace/)."""

from django.urls import path

from evaluation import views as evaluation_views
from milestones import views as milestone_views
from programs import views as program_views
from results import views as result_views

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("programs/", views.my_programs, name="programs"),
    path("programs/new/", program_views.program_new, name="program_new"),
    path("programs/<int:pk>/", views.program_detail, name="program"),
    path("programs/<int:pk>/edit/", program_views.program_edit, name="program_edit"),
    path("programs/<int:pk>/publish/", program_views.program_publish, name="program_publish"),
    path("programs/<int:pk>/milestones/new/", milestone_views.milestone_new, name="milestone_new"),
    path("programs/<int:pk>/evaluators/", evaluation_views.assignments, name="assignments"),
    path("programs/<int:pk>/evaluations/new/", evaluation_views.evaluation_new, name="evaluation_new"),
    path("milestones/<int:pk>/", milestone_views.milestone_detail, name="milestone"),
    path("milestones/<int:pk>/update/", milestone_views.milestone_update, name="milestone_update"),
    path("milestones/<int:pk>/missed/", milestone_views.milestone_missed, name="milestone_missed"),
    path("milestones/<int:pk>/cancel/", milestone_views.cancellation_propose, name="cancellation_propose"),
    path("milestones/<int:pk>/publish/", milestone_views.milestone_publish, name="milestone_publish"),
    path("cancellations/<int:pk>/decide/", milestone_views.cancellation_decide, name="cancellation_decide"),
    path("evaluations/inbox/", evaluation_views.inbox, name="inbox"),
    path("evaluations/<int:pk>/", evaluation_views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/edit/", evaluation_views.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<int:pk>/publish/", evaluation_views.evaluation_publish, name="evaluation_publish"),
    path("assignments/<int:pk>/remove/", evaluation_views.unassign, name="unassign"),
    path("coordinator/", views.coordinator, name="coordinator"),
    path("programs/<int:pk>/results/new/", result_views.result_new, name="result_new"),
    path("results/<int:pk>/edit/", result_views.result_edit, name="result_edit"),
    path("results/<int:pk>/indicators/new/", result_views.indicator_new, name="indicator_new"),
    path("indicators/<int:pk>/", result_views.indicator_detail, name="indicator"),
    path("indicators/<int:pk>/edit/", result_views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/periods/new/", result_views.period_new, name="period_new"),
    path("periods/<int:pk>/", result_views.period_detail, name="period"),
    path("periods/<int:pk>/edit/", result_views.period_edit, name="period_edit"),
    path("periods/<int:pk>/actual/", result_views.period_actual, name="period_actual"),
    path("periods/<int:pk>/submit/", result_views.period_submit, name="period_submit"),
    path("periods/<int:pk>/approve/", result_views.period_approve, name="period_approve"),
    path("periods/<int:pk>/return/", result_views.period_return, name="period_return"),
]
