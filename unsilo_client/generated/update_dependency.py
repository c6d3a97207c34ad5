from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    DependencyFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateDependency(BaseModel):
    update_dependency: Union[
        "UpdateDependencyUpdateDependencyDependencyPayload",
        "UpdateDependencyUpdateDependencyValidationError",
        "UpdateDependencyUpdateDependencyNotFoundError",
    ] = Field(alias="updateDependency", discriminator="typename__")


class UpdateDependencyUpdateDependencyDependencyPayload(BaseModel):
    typename__: Literal["DependencyPayload"] = Field(alias="__typename")
    dependency: "UpdateDependencyUpdateDependencyDependencyPayloadDependency"


UpdateDependencyUpdateDependencyDependencyPayloadDependency = DependencyFields


class UpdateDependencyUpdateDependencyValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateDependencyUpdateDependencyNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
