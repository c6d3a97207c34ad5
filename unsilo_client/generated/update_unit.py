from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    UnitFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateUnit(BaseModel):
    update_unit: Union[
        "UpdateUnitUpdateUnitUnitPayload",
        "UpdateUnitUpdateUnitValidationError",
        "UpdateUnitUpdateUnitNotFoundError",
    ] = Field(alias="updateUnit", discriminator="typename__")


class UpdateUnitUpdateUnitUnitPayload(BaseModel):
    typename__: Literal["UnitPayload"] = Field(alias="__typename")
    unit: "UpdateUnitUpdateUnitUnitPayloadUnit"


UpdateUnitUpdateUnitUnitPayloadUnit = UnitFields


class UpdateUnitUpdateUnitValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateUnitUpdateUnitNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
