from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import DependencyFields, PageInfoFields


class Dependencies(BaseModel):
    organization: Optional["DependenciesOrganization"]


class DependenciesOrganization(BaseModel):
    dependencies: "DependenciesOrganizationDependencies"


class DependenciesOrganizationDependencies(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "DependenciesOrganizationDependenciesPageInfo" = Field(alias="pageInfo")
    edges: list["DependenciesOrganizationDependenciesEdges"]


DependenciesOrganizationDependenciesPageInfo = PageInfoFields


class DependenciesOrganizationDependenciesEdges(BaseModel):
    cursor: str
    node: "DependenciesOrganizationDependenciesEdgesNode"


DependenciesOrganizationDependenciesEdgesNode = DependencyFields
