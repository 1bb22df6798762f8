"""Name matching's pure rules: typos one letter away, the same on both engines."""

from people.search.names import one_edit_away, within_one_edit


def test_within_one_edit():
    assert within_one_edit("hien", "hein")  # two letters swapped
    assert within_one_edit("son", "sonn")  # one added
    assert within_one_edit("binh", "bin")  # one removed
    assert within_one_edit("hien", "kien")  # one changed
    assert not within_one_edit("hien", "kieu")  # two changed
    assert not within_one_edit("hoang", "huong")
    assert not within_one_edit("hien", "hi")  # two removed


def test_the_words_one_edit_away_are_the_words_within_one_edit():
    # PostgreSQL looks up the words one edit away; scoring then asks `within_one_edit`.
    syllables = ["hien", "kien", "hein", "hie", "hienn", "thien", "hieu", "nhien", "ihen", "hine"]
    for word in ["hien", "son", "nguyen", "anh"]:
        expected = {other for other in syllables if other != word and within_one_edit(word, other)}
        assert one_edit_away(word) & set(syllables) == expected
        assert all(within_one_edit(word, other) for other in one_edit_away(word))
        assert word not in one_edit_away(word)
