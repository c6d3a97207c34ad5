from datetime import date, datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import FactionVerdict
from .fragments import (
    BenchmarkFields,
    BottleneckFields,
    NotFoundErrorFields,
    PairHotspotFields,
    PathCountingFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class ExecutionReport(BaseModel):
    organization: Optional["ExecutionReportOrganization"]


class ExecutionReportOrganization(BaseModel):
    execution_report: Union[
        "ExecutionReportOrganizationExecutionReportExecutionReportAnalysis",
        "ExecutionReportOrganizationExecutionReportNotFoundError",
        "ExecutionReportOrganizationExecutionReportValidationError",
    ] = Field(alias="executionReport", discriminator="typename__")


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysis(BaseModel):
    typename__: Literal["ExecutionReportAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    layer: Optional[list[str]]
    privacy: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisPrivacy"
    report: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReport"


ExecutionReportOrganizationExecutionReportExecutionReportAnalysisPrivacy = (
    PrivacyFloorFields
)


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReport(
    BaseModel
):
    as_of: date = Field(alias="asOf")
    headlines: list[str]
    empty_reason: Optional[str] = Field(alias="emptyReason")
    bottlenecks: list[
        "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportBottlenecks"
    ]
    hotspots: list[
        "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportHotspots"
    ]
    outcome_mix: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportOutcomeMix" = Field(
        alias="outcomeMix"
    )
    faction_verdict: FactionVerdict = Field(alias="factionVerdict")
    faction_reason: str = Field(alias="factionReason")
    reliability: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliability"
    alignment_trap: list[
        "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportAlignmentTrap"
    ] = Field(alias="alignmentTrap")
    path_counting: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportPathCounting" = Field(
        alias="pathCounting"
    )


ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportBottlenecks = (
    BottleneckFields
)
ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportHotspots = (
    PairHotspotFields
)
ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportOutcomeMix = (
    BenchmarkFields
)


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliability(
    BaseModel
):
    overall: "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliabilityOverall"
    by_division: list[
        "ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliabilityByDivision"
    ] = Field(alias="byDivision")
    empty_reason: Optional[str] = Field(alias="emptyReason")


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliabilityOverall(
    BaseModel
):
    scope: Optional[str]
    scope_name: str = Field(alias="scopeName")
    dependencies: int
    reliable: int
    share: Optional[float]
    reason: str


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportReliabilityByDivision(
    BaseModel
):
    scope: Optional[str]
    scope_name: str = Field(alias="scopeName")
    dependencies: int
    reliable: int
    share: Optional[float]
    reason: str


class ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportAlignmentTrap(
    BaseModel
):
    unit: str
    name: str
    vertical_share: float = Field(alias="verticalShare")
    external_share: float = Field(alias="externalShare")
    unresolved_conflicts: int = Field(alias="unresolvedConflicts")
    cross_unit_conflicts: int = Field(alias="crossUnitConflicts")
    unresolved_share: float = Field(alias="unresolvedShare")
    signal: bool
    reason: str


ExecutionReportOrganizationExecutionReportExecutionReportAnalysisReportPathCounting = (
    PathCountingFields
)


class ExecutionReportOrganizationExecutionReportNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")


class ExecutionReportOrganizationExecutionReportValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
