"""Planning's models: plans and their strategy (plans.py), the bodies that approve them and their
decisions (approvals.py), comment rounds and suggestions (comments.py),
the yearly evaluation of plans in force (monitoring.py), questionnaires (questionnaires.py)."""

from planning.models.approvals import ApprovingBody, Decision
from planning.models.comments import AnswerTemplate, Comment, CommentRound, Suggestion
from planning.models.monitoring import (
    ActivityEvaluation,
    CarriedActivity,
    CarriedMeasure,
    EvaluationRound,
    EvaluationStatus,
    IndicatorValue,
    MeasureEvaluation,
    SpendingBySource,
)
from planning.models.plans import (
    Activity,
    AnalysisDocument,
    Chapter,
    FundingSource,
    Goal,
    Indicator,
    Measure,
    Plan,
    PlanPhase,
    PlanVersion,
    Priority,
    SwotItem,
    Transition,
)
from planning.models.questionnaires import Answer, Question, Questionnaire, Response

__all__ = [
    "Activity", "ActivityEvaluation", "AnalysisDocument", "Answer", "AnswerTemplate", "ApprovingBody",
    "CarriedActivity", "CarriedMeasure", "Chapter", "Comment", "CommentRound", "Decision", "EvaluationRound",
    "EvaluationStatus", "FundingSource", "Goal", "Indicator", "IndicatorValue", "Measure", "MeasureEvaluation",
    "Plan", "PlanPhase", "PlanVersion", "Priority", "Question", "Questionnaire", "Response", "SpendingBySource",
    "Suggestion", "SwotItem", "Transition",
]
