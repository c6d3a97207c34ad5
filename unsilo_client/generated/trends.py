from datetime import date
from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import FactionVerdict, TrendFigure
from .fragments import (
    NotFoundErrorFields,
    PrivacyFloorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class Trends(BaseModel):
    organization: Optional["TrendsOrganization"]


class TrendsOrganization(BaseModel):
    trends: Union[
        "TrendsOrganizationTrendsTrendsAnalysis",
        "TrendsOrganizationTrendsNotFoundError",
        "TrendsOrganizationTrendsValidationError",
    ] = Field(discriminator="typename__")


class TrendsOrganizationTrendsTrendsAnalysis(BaseModel):
    typename__: Literal["TrendsAnalysis"] = Field(alias="__typename")
    privacy: "TrendsOrganizationTrendsTrendsAnalysisPrivacy"
    report: "TrendsOrganizationTrendsTrendsAnalysisReport"


TrendsOrganizationTrendsTrendsAnalysisPrivacy = PrivacyFloorFields


class TrendsOrganizationTrendsTrendsAnalysisReport(BaseModel):
    snapshots: list["TrendsOrganizationTrendsTrendsAnalysisReportSnapshots"]
    series: list["TrendsOrganizationTrendsTrendsAnalysisReportSeries"]
    faction_verdicts: list[
        "TrendsOrganizationTrendsTrendsAnalysisReportFactionVerdicts"
    ] = Field(alias="factionVerdicts")
    method: str


class TrendsOrganizationTrendsTrendsAnalysisReportSnapshots(BaseModel):
    effective_date: date = Field(alias="effectiveDate")
    graph_version: int = Field(alias="graphVersion")


class TrendsOrganizationTrendsTrendsAnalysisReportSeries(BaseModel):
    figure: TrendFigure
    unit_id: Optional[str] = Field(alias="unitId")
    unit_name: Optional[str] = Field(alias="unitName")
    points: list["TrendsOrganizationTrendsTrendsAnalysisReportSeriesPoints"]


class TrendsOrganizationTrendsTrendsAnalysisReportSeriesPoints(BaseModel):
    effective_date: date = Field(alias="effectiveDate")
    graph_version: int = Field(alias="graphVersion")
    value: Optional[float]
    count: Optional[int]
    total: Optional[int]
    change: Optional[float]
    significant: Optional[bool]


class TrendsOrganizationTrendsTrendsAnalysisReportFactionVerdicts(BaseModel):
    effective_date: date = Field(alias="effectiveDate")
    graph_version: int = Field(alias="graphVersion")
    verdict: FactionVerdict
    changed: bool


class TrendsOrganizationTrendsNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")


class TrendsOrganizationTrendsValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")
