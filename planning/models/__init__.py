"""Planning's models: plans and their strategy (plans.py), comment rounds and suggestions (comments.py),
the yearly evaluation of plans in force (monitoring.py)."""

from planning.models.comments import AnswerTemplate, Comment, CommentRound, Suggestion
from planning.models.monitoring import (
    ActivityEvaluation,
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

__all__ = [
    "Activity", "ActivityEvaluation", "AnalysisDocument", "AnswerTemplate", "Chapter", "Comment", "CommentRound",
    "EvaluationRound", "EvaluationStatus", "FundingSource", "Goal", "Indicator", "IndicatorValue", "Measure",
    "MeasureEvaluation", "Plan", "PlanPhase", "PlanVersion", "Priority", "SpendingBySource", "Suggestion", "SwotItem",
    "Transition",
]
