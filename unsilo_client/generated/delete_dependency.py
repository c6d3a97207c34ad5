from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeleteDependency(BaseModel):
    delete_dependency: Union[
        "DeleteDependencyDeleteDependencyDeletePayload",
        "DeleteDependencyDeleteDependencyValidationError",
        "DeleteDependencyDeleteDependencyNotFoundError",
    ] = Field(alias="deleteDependency", discriminator="typename__")


class DeleteDependencyDeleteDependencyDeletePayload(BaseModel):
    typename__: Literal["DeletePayload"] = Field(alias="__typename")
    entity: str
    id: str


class DeleteDependencyDeleteDependencyValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeleteDependencyDeleteDependencyNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
