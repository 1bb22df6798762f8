"""Search of meetings and documents, and the search page; the rules every app shares are in
`people.search`.

- `documents`: `Resolution.objects.search()`, by the normalised `code_key` for a code (never the
  text parser that splits "52-NQ/TW"), else by the words of code and title.
- `meetings`: `Meeting.objects.search()`, by words, officials and documents.
- `page`: the search page's groups, best first, with their capped counts.
"""
