"""No module of ours imports another that imports it back, directly or through others.

import-linter's contracts (pyproject.toml) check the layers of the apps and the siblings of
each package; this checks single modules, where `meetings.models` may use the search of
meetings (`meetings.search.meetings`) while the search page (`meetings.search.page`) reads
the models.
"""

import grimp

PACKAGES = ("config", "people", "indicators", "meetings")


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph(*PACKAGES)
    cycles = [
        graph.find_shortest_chain(importer=imported, imported=importer) + (imported,)
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if imported in graph.modules
        and importer != imported
        and not imported.startswith(f"{importer}.")  # a package's __init__ importing its own
        and graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []
