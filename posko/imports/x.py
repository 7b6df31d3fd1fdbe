"""X/Twitter archive (`data/like.js`, `data/tweets.js`, `data/following.js`) and TikTok JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from posko.imports.acts import RawAct
from posko.imports.errors import ExportFormatError
from posko.imports.jsonstream import walk
from posko.imports.meta import _dict

X_FILES = re.compile(r"(^|/)(like|tweets|tweet|following)(-part\d+)?\.js$")
TIKTOK_FILES = re.compile(r"user_data[^/]*\.json$")
RETWEET = re.compile(r"^RT @(?P<user>\w{1,15}):")
STATUS_URL = re.compile(r"(?:twitter|x)\.com/(?P<user>\w{1,15})/status/", re.IGNORECASE)
# Last key of a TikTok activity list -> action.
TIKTOK_LISTS = {
    "ItemFavoriteList": "like",
    "FavoriteVideoList": "like",
    "Following": "follow",
    "CommentsList": "comment",
}


def _x_time(value: Any, source: str, position: str) -> str | None:
    if value is None:
        return None
    try:
        # "Wed Oct 10 20:19:24 +0000 2018"
        return datetime.strptime(str(value), "%a %b %d %H:%M:%S %z %Y").isoformat()
    except ValueError:
        raise ExportFormatError(source, position, f"bad created_at date {value!r}") from None


def parse_x(stream: IO[str], source: str) -> Iterator[RawAct]:
    """Likes, tweets (posts, retweets, replies) and follows from an X archive .js file."""
    for path, index, line, item in walk(stream, source, js_prefix=True):
        if path:
            continue
        position = f"line {line}, item {index}"
        obj = _dict(item, source, position)
        if isinstance(obj.get("like"), dict):
            yield _x_like(obj["like"], position)
        elif isinstance(obj.get("tweet"), dict):
            yield _x_tweet(obj["tweet"], source, position)
        elif isinstance(obj.get("following"), dict):
            link = obj["following"].get("userLink")
            yield RawAct("follow", "x", position, url=link or None, extra_missing=["author"])
        else:
            raise ExportFormatError(
                source, position, "expected a 'like', 'tweet' or 'following' object"
            )


def _x_like(like: dict[str, Any], position: str) -> RawAct:
    url = like.get("expandedUrl") or None
    if not url and like.get("tweetId"):
        url = f"https://x.com/i/web/status/{like['tweetId']}"
    found = STATUS_URL.search(url or "")
    author = found.group("user") if found and found.group("user") != "i" else None
    return RawAct("like", "x", position, text=like.get("fullText") or None, url=url, author=author)


def _x_tweet(tweet: dict[str, Any], source: str, position: str) -> RawAct:
    text = tweet.get("full_text") or tweet.get("text") or None
    retweet = RETWEET.match(text or "")
    author = None
    if retweet or tweet.get("retweeted") is True:
        action = "share"
        author = retweet.group("user") if retweet else None
    elif tweet.get("in_reply_to_screen_name"):
        action, author = "comment", str(tweet["in_reply_to_screen_name"])
    else:
        action = "post"
    tweet_id = tweet.get("id_str") or tweet.get("id")
    return RawAct(
        action=action,
        platform="x",
        position=position,
        text=text,
        url=f"https://x.com/i/web/status/{tweet_id}" if tweet_id else None,
        author=author,
        timestamp=_x_time(tweet.get("created_at"), source, position),
    )


def _tiktok_time(value: Any, source: str, position: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return datetime.strptime(str(value), "%Y-%m-%d %H:%M:%S").isoformat()
    except ValueError:
        raise ExportFormatError(source, position, f"bad Date {value!r}") from None


def parse_tiktok(stream: IO[str], source: str) -> Iterator[RawAct]:
    """Likes, favourites, follows and comments from a TikTok user_data JSON file."""
    recognised = False
    for path, index, line, item in walk(stream, source):
        action = TIKTOK_LISTS.get(path[-1]) if path else None
        if action is None:
            continue
        recognised = True
        position = f"line {line}, item {index} of {'/'.join(path)}"
        obj = _dict(item, source, position)
        link = obj.get("Link") or obj.get("link") or obj.get("Url") or obj.get("url") or None
        yield RawAct(
            action=action,
            platform="tiktok",
            position=position,
            text=obj.get("Comment") or obj.get("comment") or None,
            url=link,
            author=obj.get("UserName") or obj.get("username") or None,
            timestamp=_tiktok_time(obj.get("Date") or obj.get("date"), source, position),
        )
    if not recognised:
        raise ExportFormatError(
            source, "whole file", "no TikTok Like List, Following or Comments found (wrong file?)"
        )
