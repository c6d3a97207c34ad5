from typing import Literal, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (
    LeaderFields,
    NotFoundErrorFields,
    ValidationErrorFields,
    ValidationErrorFieldsErrors,  # noqa: F401
)


class CreateLeader(BaseModel):
    create_leader: Union[
        "CreateLeaderCreateLeaderLeaderPayload",
        "CreateLeaderCreateLeaderValidationError",
        "CreateLeaderCreateLeaderNotFoundError",
    ] = Field(alias="createLeader", discriminator="typename__")


class CreateLeaderCreateLeaderLeaderPayload(BaseModel):
    typename__: Literal["LeaderPayload"] = Field(alias="__typename")
    leader: "CreateLeaderCreateLeaderLeaderPayloadLeader"


CreateLeaderCreateLeaderLeaderPayloadLeader = LeaderFields


class CreateLeaderCreateLeaderValidationError(ValidationErrorFields):
    typename__: Literal["ValidationError"] = Field(alias="__typename")


class CreateLeaderCreateLeaderNotFoundError(NotFoundErrorFields):
    typename__: Literal["NotFoundError"] = Field(alias="__typename")
