from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import ConflictFields, PageInfoFields


class Conflicts(BaseModel):
    organization: Optional["ConflictsOrganization"]


class ConflictsOrganization(BaseModel):
    conflicts: "ConflictsOrganizationConflicts"


class ConflictsOrganizationConflicts(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "ConflictsOrganizationConflictsPageInfo" = Field(alias="pageInfo")
    edges: list["ConflictsOrganizationConflictsEdges"]


ConflictsOrganizationConflictsPageInfo = PageInfoFields


class ConflictsOrganizationConflictsEdges(BaseModel):
    cursor: str
    node: "ConflictsOrganizationConflictsEdgesNode"


ConflictsOrganizationConflictsEdgesNode = ConflictFields
