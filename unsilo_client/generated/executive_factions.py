from datetime import datetime
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import FactionVerdict
from .fragments import (
    NotFoundErrorFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class ExecutiveFactions(BaseModel):
    organization: Optional["ExecutiveFactionsOrganization"]


class ExecutiveFactionsOrganization(BaseModel):
    executive_factions: Union[
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysis",
        "ExecutiveFactionsOrganizationExecutiveFactionsNotFoundError",
        "ExecutiveFactionsOrganizationExecutiveFactionsValidationError",
    ] = Field(alias="executiveFactions", discriminator="typename__")


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysis(
    BaseModel
):
    typename__: Literal["ExecutiveFactionsAnalysis"] = Field(alias="__typename")
    graph_version: int = Field(alias="graphVersion")
    computed_at: datetime = Field(alias="computedAt")
    layer: Optional[list[str]]
    privacy: (
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisPrivacy"
    )
    report: (
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReport"
    )


ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisPrivacy = (
    PrivacyFloorFields
)


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReport(
    BaseModel
):
    executives: int
    ties: int
    density: float
    modularity: float
    verdict: FactionVerdict
    verdict_reason: str = Field(alias="verdictReason")
    empty_reason: Optional[str] = Field(alias="emptyReason")
    grouped_by: Optional[str] = Field(alias="groupedBy")
    factions: list[
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportFactions"
    ]
    links: list[
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportLinks"
    ]
    bridges: list[
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportBridges"
    ]
    isolated: list[
        "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportIsolated"
    ]
    alignment: "ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportAlignment"


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportFactions(
    BaseModel
):
    index: int
    members: list[str]
    names: list[str]
    ties: int
    density: Optional[float]
    dominant_division: Optional[str] = Field(alias="dominantDivision")
    dominant_division_name: Optional[str] = Field(alias="dominantDivisionName")
    division_share: float = Field(alias="divisionShare")
    reason: str


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportLinks(
    BaseModel
):
    faction_a: int = Field(alias="factionA")
    faction_b: int = Field(alias="factionB")
    ties: int
    density: float
    strength: float


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportBridges(
    BaseModel
):
    rank: int
    leader: str
    name: str
    faction: int
    reaches: list[int]
    cross_share: float = Field(alias="crossShare")
    reason: str


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportIsolated(
    BaseModel
):
    leader: str
    name: str
    division: Optional[str]
    ties_below: int = Field(alias="tiesBelow")
    reason: str


class ExecutiveFactionsOrganizationExecutiveFactionsExecutiveFactionsAnalysisReportAlignment(
    BaseModel
):
    divisions: int
    within_division_share: Optional[float] = Field(alias="withinDivisionShare")
    faction_purity: Optional[float] = Field(alias="factionPurity")
    division_only: list[str] = Field(alias="divisionOnly")
    summary: str


class ExecutiveFactionsOrganizationExecutiveFactionsNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")


class ExecutiveFactionsOrganizationExecutiveFactionsValidationError(
    ValidationErrorFields
):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
