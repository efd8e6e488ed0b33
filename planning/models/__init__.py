"""Planning's models: plans and their strategy (plans.py), comment rounds and suggestions (comments.py)."""

from planning.models.comments import AnswerTemplate, Comment, CommentRound, Suggestion
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
    "Activity", "AnalysisDocument", "AnswerTemplate", "Chapter", "Comment", "CommentRound", "FundingSource", "Goal",
    "Indicator", "Measure", "Plan", "PlanPhase", "PlanVersion", "Priority", "Suggestion", "SwotItem",
    "Transition",
]
