from .base_model import BaseModel
from .fragments import OrganizationFields


class Organizations(BaseModel):
    organizations: list["OrganizationsOrganizations"]


OrganizationsOrganizations = OrganizationFields
