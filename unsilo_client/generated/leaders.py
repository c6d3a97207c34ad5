from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import LeaderFields, PageInfoFields


class Leaders(BaseModel):
    organization: Optional["LeadersOrganization"]


class LeadersOrganization(BaseModel):
    leaders: "LeadersOrganizationLeaders"


class LeadersOrganizationLeaders(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "LeadersOrganizationLeadersPageInfo" = Field(alias="pageInfo")
    edges: list["LeadersOrganizationLeadersEdges"]


LeadersOrganizationLeadersPageInfo = PageInfoFields


class LeadersOrganizationLeadersEdges(BaseModel):
    cursor: str
    node: "LeadersOrganizationLeadersEdgesNode"


LeadersOrganizationLeadersEdgesNode = LeaderFields
