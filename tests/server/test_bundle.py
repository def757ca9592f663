"""The participant page's script chunks as one file: built from Voilà's own static folder."""

from __future__ import annotations

from voila.paths import collect_static_paths

from samskaping.server.bundle import CHUNKS_FILE, build_bundle, chunk_ids


def test_bundle_joins_the_chunks_it_finds_in_order_and_skips_the_rest(tmp_path):
    (tmp_path / "voila.js").write_text("/* main */")
    (tmp_path / "12.voila.js").write_text('(self.w=self.w||[]).push([[12],{1:()=>{}}]);\n')
    (tmp_path / "7.voila.js").write_text('(self.w=self.w||[]).push([[7],{2:()=>{}}])')
    bundle = build_bundle([tmp_path / "elsewhere", tmp_path], ["7", "99", "12"])
    assert bundle.chunks == ("7", "12")  # 99 is not there: voila.js fetches it itself, as before
    assert bundle.body == b'(self.w=self.w||[]).push([[7],{2:()=>{}}]);\n(self.w=self.w||[]).push([[12],{1:()=>{}}]);\n'
    assert bundle.name.startswith("voila-chunks.") and bundle.name.endswith(".js")
    # The name follows the content, so a phone's kept copy is never stale.
    (tmp_path / "7.voila.js").write_text('(self.w=self.w||[]).push([[7],{3:()=>{}}])')
    assert build_bundle([tmp_path], ["7", "12"]).name != bundle.name


def test_no_bundle_without_voilas_folder_or_any_chunk(tmp_path):
    assert build_bundle([tmp_path], ["7"]) is None
    (tmp_path / "voila.js").write_text("/* main */")
    assert build_bundle([tmp_path], ["7"]) is None


def test_every_recorded_chunk_is_in_the_installed_voila():
    """A Voilà upgrade renumbers its chunks: then record the list again (tests/browser/test_phone_bundle.py)."""
    ids = chunk_ids(CHUNKS_FILE)
    bundle = build_bundle(collect_static_paths(["voila", "nbconvert"], "lab"), ids)
    assert bundle is not None and bundle.chunks == tuple(ids), f"missing: {sorted(set(ids) - set(bundle.chunks))}"
    assert 1_000_000 < len(bundle.body) < 8_000_000  # 3.5 MB with voila 0.5.13 (0.96 MB gzipped)
