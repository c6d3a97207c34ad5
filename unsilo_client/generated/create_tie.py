from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    TieFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateTie(BaseModel):
    create_tie: Union[
        "CreateTieCreateTieTiePayload",
        "CreateTieCreateTieValidationError",
        "CreateTieCreateTieNotFoundError",
    ] = Field(alias="createTie", discriminator="typename__")


class CreateTieCreateTieTiePayload(BaseModel):
    typename__: Literal["TiePayload"] = Field(alias="__typename")
    tie: "CreateTieCreateTieTiePayloadTie"


CreateTieCreateTieTiePayloadTie = TieFields


class CreateTieCreateTieValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateTieCreateTieNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
