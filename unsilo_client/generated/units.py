from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import PageInfoFields, UnitFields


class Units(BaseModel):
    organization: Optional["UnitsOrganization"]


class UnitsOrganization(BaseModel):
    units: "UnitsOrganizationUnits"


class UnitsOrganizationUnits(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "UnitsOrganizationUnitsPageInfo" = Field(alias="pageInfo")
    edges: list["UnitsOrganizationUnitsEdges"]


UnitsOrganizationUnitsPageInfo = PageInfoFields


class UnitsOrganizationUnitsEdges(BaseModel):
    cursor: str
    node: "UnitsOrganizationUnitsEdgesNode"


UnitsOrganizationUnitsEdgesNode = UnitFields
