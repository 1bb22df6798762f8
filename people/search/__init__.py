"""Search's rules that every app shares, by job.

- `query`: a query as search reads it (`analyse`, once, where the text comes in) and how a text
  must hold its words (`Words`).
- `names`: how well a name answers a query, typos included; pure text.
- `expressions`: the same rules asked of each engine (PostgreSQL `tsquery` and id arrays,
  `LIKE` on both), and the tuning PostgreSQL's planner needs.
- `people`: the officials a query names, `Person.objects.search()`.
- `named`: rows with a name, `Organization.objects.search()` and `Indicator.objects.search()`.
- `highlight`: the query's words marked in a snippet.

Stored rows carry a search column written by `people.text.search_document` (by `save()`, and on
PostgreSQL by triggers calling `public.ma_search_document()`, so a bulk `update()` cannot leave
it stale); abbreviations stand there in both forms, so queries need no expansion. Matching is
the same on both engines, only the machinery differs. The searches of meetings and documents,
and the search page, are in `meetings.search`.
"""
