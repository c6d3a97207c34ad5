from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    UnitFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateUnit(BaseModel):
    create_unit: Union[
        "CreateUnitCreateUnitUnitPayload",
        "CreateUnitCreateUnitValidationError",
        "CreateUnitCreateUnitNotFoundError",
    ] = Field(alias="createUnit", discriminator="typename__")


class CreateUnitCreateUnitUnitPayload(BaseModel):
    typename__: Literal["UnitPayload"] = Field(alias="__typename")
    unit: "CreateUnitCreateUnitUnitPayloadUnit"


CreateUnitCreateUnitUnitPayloadUnit = UnitFields


class CreateUnitCreateUnitValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateUnitCreateUnitNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
