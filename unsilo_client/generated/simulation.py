from datetime import datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import Aspect, BottleneckKind, Coverage, FactionVerdict, Shift
from .fragments import (
    NotFoundErrorFields,
    PrivacyFloorFields,
    SimulatedReportFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class Simulation(BaseModel):
    organization: Optional["SimulationOrganization"]


class SimulationOrganization(BaseModel):
    simulation: Union[
        "SimulationOrganizationSimulationSimulationAnalysis",
        "SimulationOrganizationSimulationValidationError",
        "SimulationOrganizationSimulationNotFoundError",
    ] = Field(discriminator="typename__")


class SimulationOrganizationSimulationSimulationAnalysis(BaseModel):
    typename__: Literal["SimulationAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    layer: Optional[list[str]]
    hypothetical: list[str]
    recomputed: list[str]
    privacy: "SimulationOrganizationSimulationSimulationAnalysisPrivacy"
    before: "SimulationOrganizationSimulationSimulationAnalysisBefore"
    after: "SimulationOrganizationSimulationSimulationAnalysisAfter"
    changes: list["SimulationOrganizationSimulationSimulationAnalysisChanges"]
    differences: "SimulationOrganizationSimulationSimulationAnalysisDifferences"


SimulationOrganizationSimulationSimulationAnalysisPrivacy = PrivacyFloorFields
SimulationOrganizationSimulationSimulationAnalysisBefore = SimulatedReportFields
SimulationOrganizationSimulationSimulationAnalysisAfter = SimulatedReportFields


class SimulationOrganizationSimulationSimulationAnalysisChanges(BaseModel):
    index: int
    change: str
    description: str
    created: list[str]
    removed: list[str]
    dropped_dependencies: list[str] = Field(alias="droppedDependencies")
    dropped_conflicts: list[str] = Field(alias="droppedConflicts")
    units: list[str]
    aspects: list[Aspect]


class SimulationOrganizationSimulationSimulationAnalysisDifferences(BaseModel):
    summary: list[str]
    estimated: bool
    bottlenecks: list[
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesBottlenecks"
    ]
    coverage: list[
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesCoverage"
    ]
    factions: "SimulationOrganizationSimulationSimulationAnalysisDifferencesFactions"
    reliability: (
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesReliability"
    )
    alignment_trap_on: list[
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesAlignmentTrapOn"
    ] = Field(alias="alignmentTrapOn")
    alignment_trap_off: list[
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesAlignmentTrapOff"
    ] = Field(alias="alignmentTrapOff")
    units: list["SimulationOrganizationSimulationSimulationAnalysisDifferencesUnits"]
    hotspots: list[
        "SimulationOrganizationSimulationSimulationAnalysisDifferencesHotspots"
    ]


class SimulationOrganizationSimulationSimulationAnalysisDifferencesBottlenecks(
    BaseModel
):
    kind: BottleneckKind
    id: str
    name: str
    shift: Shift
    score_before: float = Field(alias="scoreBefore")
    score_after: float = Field(alias="scoreAfter")
    rank_before: Optional[int] = Field(alias="rankBefore")
    rank_after: Optional[int] = Field(alias="rankAfter")
    change: float


class SimulationOrganizationSimulationSimulationAnalysisDifferencesCoverage(BaseModel):
    unit_a: str = Field(alias="unitA")
    unit_b: str = Field(alias="unitB")
    unit_a_name: str = Field(alias="unitAName")
    unit_b_name: str = Field(alias="unitBName")
    status_before: Optional[Coverage] = Field(alias="statusBefore")
    status_after: Optional[Coverage] = Field(alias="statusAfter")
    brokers_before: list[str] = Field(alias="brokersBefore")
    brokers_after: list[str] = Field(alias="brokersAfter")


class SimulationOrganizationSimulationSimulationAnalysisDifferencesFactions(BaseModel):
    factions_before: int = Field(alias="factionsBefore")
    factions_after: int = Field(alias="factionsAfter")
    verdict_before: FactionVerdict = Field(alias="verdictBefore")
    verdict_after: FactionVerdict = Field(alias="verdictAfter")
    modularity_before: float = Field(alias="modularityBefore")
    modularity_after: float = Field(alias="modularityAfter")
    merged: bool
    split: bool


class SimulationOrganizationSimulationSimulationAnalysisDifferencesReliability(
    BaseModel
):
    share_before: Optional[float] = Field(alias="shareBefore")
    share_after: Optional[float] = Field(alias="shareAfter")
    reliable_before: int = Field(alias="reliableBefore")
    reliable_after: int = Field(alias="reliableAfter")
    dependencies_before: int = Field(alias="dependenciesBefore")
    dependencies_after: int = Field(alias="dependenciesAfter")


class SimulationOrganizationSimulationSimulationAnalysisDifferencesAlignmentTrapOn(
    BaseModel
):
    unit: str
    name: str


class SimulationOrganizationSimulationSimulationAnalysisDifferencesAlignmentTrapOff(
    BaseModel
):
    unit: str
    name: str


class SimulationOrganizationSimulationSimulationAnalysisDifferencesUnits(BaseModel):
    unit: str
    name: str
    internal_before: int = Field(alias="internalBefore")
    external_before: int = Field(alias="externalBefore")
    internal_after: int = Field(alias="internalAfter")
    external_after: int = Field(alias="externalAfter")
    ei_before: Optional[float] = Field(alias="eiBefore")
    ei_after: Optional[float] = Field(alias="eiAfter")
    insularity_before: Optional[float] = Field(alias="insularityBefore")
    insularity_after: Optional[float] = Field(alias="insularityAfter")
    merged_into: Optional[str] = Field(alias="mergedInto")


class SimulationOrganizationSimulationSimulationAnalysisDifferencesHotspots(BaseModel):
    unit_a: str = Field(alias="unitA")
    unit_b: str = Field(alias="unitB")
    unit_a_name: str = Field(alias="unitAName")
    unit_b_name: str = Field(alias="unitBName")
    score_before: float = Field(alias="scoreBefore")
    score_after: float = Field(alias="scoreAfter")
    unresolved_before: int = Field(alias="unresolvedBefore")
    unresolved_after: int = Field(alias="unresolvedAfter")


class SimulationOrganizationSimulationValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class SimulationOrganizationSimulationNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
