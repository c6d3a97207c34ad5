"""Finds a Neo4j 5.26 for the tests: a given URI, else a testcontainer, else a JVM we start.

With CI=true a Neo4j must be found: the run fails instead of skipping the Neo4j tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field

from neo4j import GraphDatabase

NEO4J_IMAGE = "neo4j:5.26-community"


@dataclass
class Neo4jServer:
    uri: str
    user: str
    password: str
    how: str
    stop: Callable[[], None] = field(repr=False, default=lambda: None)

    def wipe(self) -> None:
        """Delete every node and relationship; constraints and indexes stay."""
        # In batches: one transaction cannot hold a 100,000-leader organization's deletes.
        with (
            GraphDatabase.driver(self.uri, auth=(self.user, self.password)) as driver,
            driver.session() as session,
        ):
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            ).consume()


def ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def find_neo4j() -> Neo4jServer | str:
    """A running server, or the reason why none could be had."""
    uri = os.environ.get("UNSILO_TEST_NEO4J_URI")
    if uri:
        return Neo4jServer(
            uri=uri,
            user=os.environ.get("UNSILO_TEST_NEO4J_USER", "neo4j"),
            password=os.environ.get("UNSILO_TEST_NEO4J_PASSWORD", ""),
            how="UNSILO_TEST_NEO4J_URI",
        )
    if _docker_answers():
        return _container()
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return (
            "no Neo4j for the tests: UNSILO_TEST_NEO4J_URI is not set, no Docker engine "
            f"answers, and {' and '.join(missing)} (needed to start one in a JVM) is missing"
        )
    return start_jvm()


def start_jvm() -> Neo4jServer:
    from tests.neo4j_server import start_jvm_neo4j

    server = start_jvm_neo4j()
    return Neo4jServer(server.uri, server.user, server.password, "JVM", stop=server.close)


def _docker_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        probe = subprocess.run(["docker", "info"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _container() -> Neo4jServer:
    from testcontainers.neo4j import Neo4jContainer  # only where a Docker engine answers

    container = Neo4jContainer(NEO4J_IMAGE)
    # The image downloads the Graph Data Science plugin at start, as the JVM server carries it.
    container.with_env("NEO4J_PLUGINS", '["graph-data-science"]')
    container.with_env("NEO4J_dbms_security_procedures_unrestricted", "gds.*")
    container.start()
    return Neo4jServer(
        uri=container.get_connection_url(),
        user="neo4j",
        password=container.password,
        how=NEO4J_IMAGE,
        stop=container.stop,
    )
