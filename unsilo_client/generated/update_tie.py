from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    TieFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class UpdateTie(BaseModel):
    update_tie: Union[
        "UpdateTieUpdateTieTiePayload",
        "UpdateTieUpdateTieValidationError",
        "UpdateTieUpdateTieNotFoundError",
    ] = Field(alias="updateTie", discriminator="typename__")


class UpdateTieUpdateTieTiePayload(BaseModel):
    typename__: Literal["TiePayload"] = Field(alias="__typename")
    tie: "UpdateTieUpdateTieTiePayloadTie"


UpdateTieUpdateTieTiePayloadTie = TieFields


class UpdateTieUpdateTieValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class UpdateTieUpdateTieNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
