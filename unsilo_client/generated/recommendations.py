from datetime import datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import LeaderLevel, RecommendationGoal
from .fragments import (
    BottleneckFields,
    NotFoundErrorFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class Recommendations(BaseModel):
    organization: Optional["RecommendationsOrganization"]


class RecommendationsOrganization(BaseModel):
    recommendations: Union[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysis",
        "RecommendationsOrganizationRecommendationsValidationError",
        "RecommendationsOrganizationRecommendationsNotFoundError",
    ] = Field(discriminator="typename__")


class RecommendationsOrganizationRecommendationsRecommendationsAnalysis(BaseModel):
    typename__: Literal["RecommendationsAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    goal: RecommendationGoal
    figure: str
    start: Optional[float]
    target: Optional[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysisTarget"
    ]
    recommendations: list[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendations"
    ]
    candidates: int
    evaluations: int
    evaluation_bound: int = Field(alias="evaluationBound")
    privacy: "RecommendationsOrganizationRecommendationsRecommendationsAnalysisPrivacy"
    layer: Optional[list[str]]


RecommendationsOrganizationRecommendationsRecommendationsAnalysisTarget = (
    BottleneckFields
)


class RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendations(
    BaseModel
):
    before: float
    after: float
    reason: str
    changes: list[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChanges"
    ]


class RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChanges(
    BaseModel
):
    add_tie: Optional[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChangesAddTie"
    ] = Field(alias="addTie")
    add_liaison: Optional[
        "RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChangesAddLiaison"
    ] = Field(alias="addLiaison")


class RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChangesAddTie(
    BaseModel
):
    leader_a_id: str = Field(alias="leaderAId")
    leader_b_id: str = Field(alias="leaderBId")
    kind: Optional[str]
    strength: float


class RecommendationsOrganizationRecommendationsRecommendationsAnalysisRecommendationsChangesAddLiaison(
    BaseModel
):
    name: str
    unit_id: str = Field(alias="unitId")
    ties_to: list[str] = Field(alias="tiesTo")
    level: LeaderLevel
    title: str
    kind: Optional[str]
    strength: float


RecommendationsOrganizationRecommendationsRecommendationsAnalysisPrivacy = (
    PrivacyFloorFields
)


class RecommendationsOrganizationRecommendationsValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class RecommendationsOrganizationRecommendationsNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
