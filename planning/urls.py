from django.urls import path

from planning.views import comments, lifecycle, public, settlement, staff

app_name = "planning"
urlpatterns = [
    path("plany/", public.plan_list, name="plan_list"),
    path("plany/<slug:slug>/", public.plan_detail, name="plan_detail"),
    path("plany/<slug:slug>/opatreni/<int:pk>/", public.measure_detail, name="measure_detail"),
    path("plany/<slug:slug>/verze/<int:number>/", public.version_detail, name="version_detail"),
    path("plany/<slug:slug>/porovnani-verzi/", public.version_compare, name="version_compare"),
    path("pripominky/", comments.comment_round_list, name="comment_round_list"),
    path("pripominky/<int:pk>/", comments.comment_round_detail, name="comment_round_detail"),
    path("pripominky/<int:pk>/vyporadani/", comments.settlement_table, name="settlement_table"),
    path("pripominky/<int:pk>/vyporadani.csv", comments.settlement_csv, name="settlement_csv"),
    path("pripominky/<int:pk>/vyporadani.xlsx", comments.settlement_xlsx, name="settlement_xlsx"),
    path("sprava/pripominky/<int:pk>/", settlement.round_comments, name="round_comments"),
    path("sprava/pripominky/<int:pk>/vyporadat-vybrane/", settlement.bulk_settle, name="bulk_settle"),
    path("sprava/pripominky/<int:pk>/pridelit/", settlement.assign, name="assign_comments"),
    path("sprava/pripominky/<int:pk>/zverejnit/", settlement.publish_settlement, name="publish_settlement"),
    path("sprava/pripominka/<int:pk>/", settlement.comment_settle, name="comment_settle"),
    path("sprava/pripominka/<int:pk>/skryt/", settlement.hide, name="hide_comment"),
    path("sprava/pripominka/<int:pk>/anonymizovat/", settlement.redact, name="redact_comment"),
    path("sprava/plany/", staff.workspace_index, name="workspace_index"),
    path("sprava/plany/<slug:slug>/", staff.workspace, name="workspace"),
    path("sprava/plany/<slug:slug>/historie/", lifecycle.plan_history, name="plan_history"),
    path("sprava/plany/<slug:slug>/krok/<str:name>/", lifecycle.plan_transition, name="plan_transition"),
    path("sprava/plany/<slug:slug>/cile/novy/", staff.goal_edit, name="goal_create"),
    path("sprava/plany/<slug:slug>/cile/<int:pk>/", staff.goal_edit, name="goal_edit"),
    path("sprava/plany/<slug:slug>/opatreni/nove/", staff.measure_edit, name="measure_create"),
    path("sprava/plany/<slug:slug>/opatreni/<int:pk>/", staff.measure_edit, name="measure_edit"),
    path("sprava/plany/<slug:slug>/aktivity/nova/", staff.activity_edit, name="activity_create"),
    path("sprava/plany/<slug:slug>/aktivity/<int:pk>/", staff.activity_edit, name="activity_edit"),
    path("sprava/plany/<slug:slug>/swot/novy/", staff.swot_edit, name="swot_create"),
    path("sprava/plany/<slug:slug>/swot/<int:pk>/", staff.swot_edit, name="swot_edit"),
    path("sprava/plany/<slug:slug>/<str:kind>/<int:pk>/smazat/", staff.delete, name="delete"),
    path("sprava/plany/<slug:slug>/<str:kind>/<int:pk>/posunout/", staff.move, name="move"),
]
