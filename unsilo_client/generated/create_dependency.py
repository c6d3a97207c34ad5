from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    DependencyFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateDependency(BaseModel):
    create_dependency: Union[
        "CreateDependencyCreateDependencyDependencyPayload",
        "CreateDependencyCreateDependencyValidationError",
        "CreateDependencyCreateDependencyNotFoundError",
    ] = Field(alias="createDependency", discriminator="typename__")


class CreateDependencyCreateDependencyDependencyPayload(BaseModel):
    typename__: Literal["DependencyPayload"] = Field(alias="__typename")
    dependency: "CreateDependencyCreateDependencyDependencyPayloadDependency"


CreateDependencyCreateDependencyDependencyPayloadDependency = DependencyFields


class CreateDependencyCreateDependencyValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateDependencyCreateDependencyNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
