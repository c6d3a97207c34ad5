from datetime import datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import Coverage
from .fragments import (
    BottleneckFields,
    NotFoundErrorFields,
    PathCountingFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class SiloBottlenecks(BaseModel):
    organization: Optional["SiloBottlenecksOrganization"]


class SiloBottlenecksOrganization(BaseModel):
    silo_bottlenecks: Union[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysis",
        "SiloBottlenecksOrganizationSiloBottlenecksNotFoundError",
        "SiloBottlenecksOrganizationSiloBottlenecksValidationError",
    ] = Field(alias="siloBottlenecks", discriminator="typename__")


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysis(BaseModel):
    typename__: Literal["SiloBottlenecksAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    layer: Optional[list[str]]
    privacy: "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisPrivacy"
    report: "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReport"


SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisPrivacy = (
    PrivacyFloorFields
)


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReport(
    BaseModel
):
    scope: Optional[str]
    empty_reason: Optional[str] = Field(alias="emptyReason")
    grouped_by: Optional[str] = Field(alias="groupedBy")
    path_counting: "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportPathCounting" = Field(
        alias="pathCounting"
    )
    bottlenecks: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportBottlenecks"
    ]
    units: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUnits"
    ]
    leaders: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportLeaders"
    ]
    bridges: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportBridges"
    ]
    uncovered_dependencies: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUncoveredDependencies"
    ] = Field(alias="uncoveredDependencies")
    groups: list[
        "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportGroups"
    ]


SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportPathCounting = (
    PathCountingFields
)
SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportBottlenecks = (
    BottleneckFields
)


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUnits(
    BaseModel
):
    unit_id: str = Field(alias="unitId")
    name: str
    division: str
    leaders: int
    ties: "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUnitsTies"
    ei_index: Optional[float] = Field(alias="eiIndex")
    insularity: Optional[float]
    partner_units: int = Field(alias="partnerUnits")
    unreliable_depends_on: int = Field(alias="unreliableDependsOn")
    unreliable_depended_on_by: int = Field(alias="unreliableDependedOnBy")
    betweenness: float
    constraint: Optional[float]
    effective_size: Optional[float] = Field(alias="effectiveSize")
    articulation_point: bool = Field(alias="articulationPoint")
    note: Optional[str]


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUnitsTies(
    BaseModel
):
    internal: int
    external: int
    internal_strength: float = Field(alias="internalStrength")
    external_strength: float = Field(alias="externalStrength")
    partners: list[str]


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportLeaders(
    BaseModel
):
    leader_id: str = Field(alias="leaderId")
    name: str
    unit_id: str = Field(alias="unitId")
    cross_unit_betweenness: float = Field(alias="crossUnitBetweenness")
    cross_unit_pairs: int = Field(alias="crossUnitPairs")
    roles: "SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportLeadersRoles"
    sole_broker_for: list[str] = Field(alias="soleBrokerFor")


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportLeadersRoles(
    BaseModel
):
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportBridges(
    BaseModel
):
    leader_a: str = Field(alias="leaderA")
    leader_b: str = Field(alias="leaderB")
    unit_a: str = Field(alias="unitA")
    unit_b: str = Field(alias="unitB")
    cut_off: list[str] = Field(alias="cutOff")
    cut_off_from: list[str] = Field(alias="cutOffFrom")


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportUncoveredDependencies(
    BaseModel
):
    unit_a: str = Field(alias="unitA")
    unit_b: str = Field(alias="unitB")
    dependency_ids: list[str] = Field(alias="dependencyIds")
    criticality: int
    reliability: str
    direct_ties: int = Field(alias="directTies")
    brokers: list[str]
    status: Coverage
    reason: str


class SiloBottlenecksOrganizationSiloBottlenecksSiloBottlenecksAnalysisReportGroups(
    BaseModel
):
    group: str
    leaders: int
    internal: int
    external: int
    ei_index: Optional[float] = Field(alias="eiIndex")
    insularity: Optional[float]


class SiloBottlenecksOrganizationSiloBottlenecksNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")


class SiloBottlenecksOrganizationSiloBottlenecksValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
