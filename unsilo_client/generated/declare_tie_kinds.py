from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class DeclareTieKinds(BaseModel):
    declare_tie_kinds: Union[
        "DeclareTieKindsDeclareTieKindsTieKindsPayload",
        "DeclareTieKindsDeclareTieKindsValidationError",
        "DeclareTieKindsDeclareTieKindsNotFoundError",
    ] = Field(alias="declareTieKinds", discriminator="typename__")


class DeclareTieKindsDeclareTieKindsTieKindsPayload(BaseModel):
    typename__: Literal["TieKindsPayload"] = Field(alias="__typename")
    tie_kinds: list["DeclareTieKindsDeclareTieKindsTieKindsPayloadTieKinds"] = Field(
        alias="tieKinds"
    )


class DeclareTieKindsDeclareTieKindsTieKindsPayloadTieKinds(BaseModel):
    name: str
    directed: bool


class DeclareTieKindsDeclareTieKindsValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class DeclareTieKindsDeclareTieKindsNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
