from datetime import date, datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    BenchmarkFields,
    ConflictFiguresFields,
    NotFoundErrorFields,
    PairHotspotFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class ConflictHotspots(BaseModel):
    organization: Optional["ConflictHotspotsOrganization"]


class ConflictHotspotsOrganization(BaseModel):
    conflict_hotspots: Union[
        "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysis",
        "ConflictHotspotsOrganizationConflictHotspotsNotFoundError",
        "ConflictHotspotsOrganizationConflictHotspotsValidationError",
    ] = Field(alias="conflictHotspots", discriminator="typename__")


class ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysis(BaseModel):
    typename__: Literal["ConflictHotspotsAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    privacy: (
        "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisPrivacy"
    )
    report: "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReport"


ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisPrivacy = (
    PrivacyFloorFields
)


class ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReport(
    BaseModel
):
    as_of: date = Field(alias="asOf")
    empty_reason: Optional[str] = Field(alias="emptyReason")
    overall: "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportOverall"
    pairs: list[
        "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportPairs"
    ]
    pairs_total: int = Field(alias="pairsTotal")
    units: list[
        "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportUnits"
    ]
    units_total: int = Field(alias="unitsTotal")
    clusters: list[
        "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportClusters"
    ]
    clusters_total: int = Field(alias="clustersTotal")
    benchmark: "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportBenchmark"


ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportOverall = (
    ConflictFiguresFields
)
ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportPairs = (
    PairHotspotFields
)


class ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportUnits(
    BaseModel
):
    rank: int
    unit: str
    name: str
    division: Optional[str]
    partners: int
    figures: "ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportUnitsFigures"
    score_share: float = Field(alias="scoreShare")
    reason: str


ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportUnitsFigures = ConflictFiguresFields


class ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportClusters(
    BaseModel
):
    rank: int
    units: list[str]
    pairs: list[list[str]]
    score: float
    score_share: float = Field(alias="scoreShare")
    conflicts: int
    unresolved: int
    reason: str


ConflictHotspotsOrganizationConflictHotspotsConflictHotspotsAnalysisReportBenchmark = (
    BenchmarkFields
)


class ConflictHotspotsOrganizationConflictHotspotsNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")


class ConflictHotspotsOrganizationConflictHotspotsValidationError(
    ValidationErrorFields
):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
