import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "third_party_plugins: the test wants installed third-party plugins loaded")


@pytest.fixture(autouse=True)
def builtin_rules_only(request, monkeypatch):
    """Tests see jobcheck's own rules only, whatever else is installed (the example site plugin is);
    tests marked third_party_plugins see everything."""
    if request.node.get_closest_marker("third_party_plugins") is None:
        monkeypatch.setenv("JOBCHECK_NO_PLUGINS", "1")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Runs in tests keep their content cache in a folder of this test session, not in ~/.cache."""
    monkeypatch.setenv("JOBCHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "jobcheck-cache"))
