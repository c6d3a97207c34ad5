from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrganizationFields


class Organization(BaseModel):
    organization: Optional["OrganizationOrganization"]


class OrganizationOrganization(OrganizationFields):
    tie_kinds: list["OrganizationOrganizationTieKinds"] = Field(alias="tieKinds")
    attributes: list["OrganizationOrganizationAttributes"]
    units: "OrganizationOrganizationUnits"
    leaders: "OrganizationOrganizationLeaders"
    ties: "OrganizationOrganizationTies"
    dependencies: "OrganizationOrganizationDependencies"
    conflicts: "OrganizationOrganizationConflicts"


class OrganizationOrganizationTieKinds(BaseModel):
    name: str
    directed: bool


class OrganizationOrganizationAttributes(BaseModel):
    name: str
    entity: str
    type_: str = Field(alias="type")


class OrganizationOrganizationUnits(BaseModel):
    total_count: int = Field(alias="totalCount")


class OrganizationOrganizationLeaders(BaseModel):
    total_count: int = Field(alias="totalCount")


class OrganizationOrganizationTies(BaseModel):
    total_count: int = Field(alias="totalCount")


class OrganizationOrganizationDependencies(BaseModel):
    total_count: int = Field(alias="totalCount")


class OrganizationOrganizationConflicts(BaseModel):
    total_count: int = Field(alias="totalCount")
