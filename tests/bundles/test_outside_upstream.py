"""An outside reference keeps what it was built from: a project's scene made from
another project's plate, itself made (two hops on) from a shot of the first project.
The bundle carries the plate, its sketch and the edges between them as stubs, so
the second instance walks the scene's lineage (and the shot's orphans) as the first."""

from __future__ import annotations

from lineage.integrity import check_integrity
from tests.api.helpers import record
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import shots
from tests.bundles.test_round_trip import export_over_http, import_over_http

HERE, THERE = "HOP-001", "HOP-002"
CREATE = "mutation($c: String!) { createProject(input: {code: $c}) { code } }"


async def built_from(instance: Instance, asset_id: str, code: str, source: str) -> None:
    await record(
        instance.gql,
        id=asset_id,
        type="IMAGE",
        provider="fal",
        model="m",
        slot=asset_id,
        projectCode=code,
        sourceAssetIds=[source],
    )


async def test_an_outside_reference_brings_its_own_upstream(
    first: Instance, second: Instance
) -> None:
    await shots(first.gql, HERE)
    await first.gql.data(CREATE, c=THERE)
    await built_from(first, f"{THERE}-sketch", THERE, f"{HERE}-shot-001")
    await built_from(first, f"{THERE}-plate", THERE, f"{THERE}-sketch")
    await built_from(first, f"{HERE}-scene", HERE, f"{THERE}-plate")
    expected = await answers(first.gql, HERE)
    assert expected[f"lineage-UPSTREAM-{HERE}-scene"] == sorted(
        [f"{HERE}-scene", f"{THERE}-plate", f"{THERE}-sketch", f"{HERE}-shot-001"]
    )

    bundle = await export_over_http(first, HERE)
    report = await import_over_http(second, bundle)
    assert report["stubs"] == 2  # the plate and its sketch
    assert await answers(second.gql, HERE) == expected
    assert await check_integrity(second.store) == []

    before = await second.store.read("integrity/list_snapshot")
    again = await import_over_http(second, bundle)
    assert (again["created"], again["edgesCreated"], again["stubs"]) == (0, 0, 0)
    assert await second.store.read("integrity/list_snapshot") == before
