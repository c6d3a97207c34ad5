from datetime import date
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import (
    BottleneckKind,
    ConflictStatus,
    ErrorCode,
    FactionVerdict,
    LeaderLevel,
    MixTest,
    Reliability,
    UnitKind,
)


class AttributeValueFields(BaseModel):
    name: str
    value: str


class BenchmarkFields(BaseModel):
    n: int
    open_excluded: int = Field(alias="openExcluded")
    outcomes: list["BenchmarkFieldsOutcomes"]
    test: Optional[MixTest]
    statistic: Optional[float]
    degrees_of_freedom: int = Field(alias="degreesOfFreedom")
    p_value: Optional[float] = Field(alias="pValue")
    alpha: float
    differs: Optional[bool]
    verdict: str
    citation: str
    empty_reason: Optional[str] = Field(alias="emptyReason")


class BenchmarkFieldsOutcomes(BaseModel):
    status: ConflictStatus
    observed: int
    observed_share: float = Field(alias="observedShare")
    benchmark_share: float = Field(alias="benchmarkShare")
    expected: float


class BottleneckFields(BaseModel):
    kind: BottleneckKind
    id: str
    name: str
    score: float
    reason: str
    betweenness: float
    relative_betweenness: float = Field(alias="relativeBetweenness")
    separation: float
    dependency_risk: float = Field(alias="dependencyRisk")
    cut_off: list[str] = Field(alias="cutOff")
    cut_off_from: list[str] = Field(alias="cutOffFrom")


class ConflictFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    unit_a_id: str = Field(alias="unitAId")
    unit_b_id: str = Field(alias="unitBId")
    dependency_id: Optional[str] = Field(alias="dependencyId")
    summary: str
    severity: int
    raised_at: date = Field(alias="raisedAt")
    resolved_at: Optional[date] = Field(alias="resolvedAt")
    status: ConflictStatus


class ConflictFiguresFields(BaseModel):
    counts: "ConflictFiguresFieldsCounts"
    unresolved_share: float = Field(alias="unresolvedShare")
    resolutions: int
    resolution_days_median: Optional[float] = Field(alias="resolutionDaysMedian")
    resolution_days_p_90: Optional[float] = Field(alias="resolutionDaysP90")
    unresolved_age_days_median: Optional[float] = Field(alias="unresolvedAgeDaysMedian")
    unresolved_age_days_max: Optional[int] = Field(alias="unresolvedAgeDaysMax")
    score: float


class ConflictFiguresFieldsCounts(BaseModel):
    anticipated_avoided: int = Field(alias="anticipatedAvoided")
    resolved_quickly: int = Field(alias="resolvedQuickly")
    resolved_late: int = Field(alias="resolvedLate")
    tried_failed: int = Field(alias="triedFailed")
    unaddressed: int
    open: int
    total: int
    unresolved: int


class DependencyFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    from_unit_id: str = Field(alias="fromUnitId")
    to_unit_id: str = Field(alias="toUnitId")
    description: str
    criticality: int
    reliability: Reliability
    owner_ids: list[str] = Field(alias="ownerIds")


class LeaderFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    name: str
    title: str
    level: LeaderLevel
    unit_id: str = Field(alias="unitId")
    reports_to_id: Optional[str] = Field(alias="reportsToId")
    attributes: list["LeaderFieldsAttributes"]


class LeaderFieldsAttributes(AttributeValueFields):
    pass


class NotFoundErrorFields(BaseModel):
    message: str
    entity: str
    id: str


class OrganizationFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    name: str
    graph_version: int = Field(alias="graphVersion")


class PageInfoFields(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    has_previous_page: bool = Field(alias="hasPreviousPage")
    start_cursor: Optional[str] = Field(alias="startCursor")
    end_cursor: Optional[str] = Field(alias="endCursor")


class PairHotspotFields(BaseModel):
    rank: int
    unit_a: str = Field(alias="unitA")
    unit_b: str = Field(alias="unitB")
    unit_a_name: str = Field(alias="unitAName")
    unit_b_name: str = Field(alias="unitBName")
    figures: "PairHotspotFieldsFigures"
    score_share: float = Field(alias="scoreShare")
    reason: str


class PairHotspotFieldsFigures(ConflictFiguresFields):
    pass


class PathCountingFields(BaseModel):
    exact: bool
    unit_sources: int = Field(alias="unitSources")
    units: int
    leader_sources: int = Field(alias="leaderSources")
    leaders: int
    seed: int
    unit_engine: str = Field(alias="unitEngine")


class PrivacyFloorFields(BaseModel):
    min_group: int = Field(alias="minGroup")
    withheld_groups: int = Field(alias="withheldGroups")
    lifted: bool
    note: Optional[str]


class SimulatedReportFields(BaseModel):
    as_of: date = Field(alias="asOf")
    headlines: list[str]
    empty_reason: Optional[str] = Field(alias="emptyReason")
    bottlenecks: list["SimulatedReportFieldsBottlenecks"]
    faction_verdict: FactionVerdict = Field(alias="factionVerdict")
    alignment_trap: list["SimulatedReportFieldsAlignmentTrap"] = Field(
        alias="alignmentTrap"
    )


class SimulatedReportFieldsBottlenecks(BottleneckFields):
    pass


class SimulatedReportFieldsAlignmentTrap(BaseModel):
    unit: str
    name: str
    signal: bool
    reason: str


class TieFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    leader_a_id: str = Field(alias="leaderAId")
    leader_b_id: str = Field(alias="leaderBId")
    strength: float
    kind: Optional[str]
    directed: bool


class UnitFields(BaseModel):
    id: str
    local_id: str = Field(alias="localId")
    name: str
    kind: UnitKind
    parent_id: Optional[str] = Field(alias="parentId")
    attributes: list["UnitFieldsAttributes"]


class UnitFieldsAttributes(AttributeValueFields):
    pass


class ValidationErrorFields(BaseModel):
    message: str
    errors: list["ValidationErrorFieldsErrors"]


class ValidationErrorFieldsErrors(BaseModel):
    path: str
    code: ErrorCode
    message: str
    source: Optional[str]
    line: Optional[int]
    column: Optional[str]
