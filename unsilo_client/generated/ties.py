from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import PageInfoFields, TieFields


class Ties(BaseModel):
    organization: Optional["TiesOrganization"]


class TiesOrganization(BaseModel):
    ties: "TiesOrganizationTies"


class TiesOrganizationTies(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "TiesOrganizationTiesPageInfo" = Field(alias="pageInfo")
    edges: list["TiesOrganizationTiesEdges"]


TiesOrganizationTiesPageInfo = PageInfoFields


class TiesOrganizationTiesEdges(BaseModel):
    cursor: str
    node: "TiesOrganizationTiesEdgesNode"


TiesOrganizationTiesEdgesNode = TieFields
