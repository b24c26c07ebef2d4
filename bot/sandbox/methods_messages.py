"""Bot API methods that send, edit, delete, forward and copy messages."""

from __future__ import annotations

from typing import Any

from bot.sandbox.base import SandboxBase
from bot.sandbox.errors import bad_request, not_simulated
from bot.sandbox.files import Files
from bot.sandbox.state import SChat, SEdit, SFile, SMessage
from bot.sandbox.text import format_text

MEDIA_GROUP_MAX = 10
CHAT_ACTIONS = frozenset(
    {
        "cancel",
        "typing",
        "record_video",
        "upload_video",
        "record_voice",
        "record_audio",
        "upload_voice",
        "upload_audio",
        "upload_photo",
        "upload_document",
        "choose_sticker",
        "find_location",
        "pick_up_location",
        "record_video_note",
        "upload_video_note",
    }
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a "
    "current content and reply markup of the message"
)


class MessageMethods(SandboxBase):
    """sendMessage, sendPhoto, sendDocument, sendMediaGroup, sendLocation, sendChatAction, edits..."""

    def _send_options(self, p: dict[str, Any]) -> None:
        """Refuse options naming things the sandbox has none of (topics, business connections)."""
        if p.get("business_connection_id"):
            raise bad_request("business connection not found")
        if p.get("message_thread_id"):
            raise bad_request("message thread not found")  # no forum topics exist in the sandbox

    def _send_target(self, p: dict[str, Any], right: str) -> SChat:
        chat = self.resolve_chat(p.get("chat_id"))
        self.check_access(chat, send=True, right=right)
        return chat

    def _bot_message(self, chat: SChat, p: dict[str, Any], reply: SMessage | None, **fields: Any) -> SMessage:
        return self.new_message(
            chat, self.bot_user, reply_to=reply, protect_content=bool(p.get("protect_content")), **fields
        )

    async def api_send_message(self, p: dict[str, Any], files: Files) -> Any:
        """Send a text message."""
        text = p.get("text")
        if text is None or text == "":
            raise bad_request("message text is empty")
        formatted = self.format(str(text), p)  # Telegram reads the text before it looks at the chat
        self._send_options(p)
        chat = self._send_target(p, "can_send_messages")
        markup = self.reply_markup(p, chat)
        reply = self.reply_target(p, chat)
        self.flood_check(chat)
        return self._bot_message(
            chat,
            p,
            reply,
            text=formatted.text,
            entities=formatted.entities,
            html=str(text),
            reply_markup=markup,
        ).to_dict()

    def _caption(self, p: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
        caption = p.get("caption")
        if not caption:
            return None, []
        formatted = self.format(str(caption), p, caption=True)
        return formatted.text or None, formatted.entities

    async def _send_file(self, p: dict[str, Any], files: Files, kind: str) -> Any:
        caption, caption_entities = self._caption(p)
        self._send_options(p)
        file = self.input_file(p, files, kind)
        chat = self._send_target(p, "can_send_photos" if kind == "photo" else "can_send_documents")
        markup = self.reply_markup(p, chat)
        reply = self.reply_target(p, chat)
        self.flood_check(chat)
        html = str(p["caption"]) if p.get("caption") else None
        return self._bot_message(
            chat,
            p,
            reply,
            caption=caption,
            caption_entities=caption_entities,
            html=html,
            reply_markup=markup,
            **{kind: file},
        ).to_dict()

    async def api_send_photo(self, p: dict[str, Any], files: Files) -> Any:
        """Send a photo (upload, URL or file_id)."""
        return await self._send_file(p, files, "photo")

    async def api_send_document(self, p: dict[str, Any], files: Files) -> Any:
        """Send a document (upload, URL or file_id)."""
        return await self._send_file(p, files, "document")

    async def api_send_location(self, p: dict[str, Any], files: Files) -> Any:
        """Send a static location."""
        self._send_options(p)
        chat = self._send_target(p, "can_send_messages")
        latitude, longitude = float(p["latitude"]), float(p["longitude"])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise bad_request("invalid location specified")
        markup = self.reply_markup(p, chat)
        reply = self.reply_target(p, chat)
        self.flood_check(chat)
        return self._bot_message(chat, p, reply, location=(latitude, longitude), reply_markup=markup).to_dict()

    async def api_send_chat_action(self, p: dict[str, Any], files: Files) -> Any:
        """Show a chat action (typing...); checked like a send but not flood-counted."""
        if str(p.get("action", "")).lower() not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self._send_options(p)
        self._send_target(p, "can_send_messages")
        return True

    async def api_send_media_group(self, p: dict[str, Any], files: Files) -> Any:
        """Send an album of photos or of documents (one item is sent as a plain message)."""
        media = p.get("media")
        if not isinstance(media, list):
            raise bad_request('field "media" must be of type Array')
        if not media:
            raise bad_request("there are no messages to send")
        if len(media) > MEDIA_GROUP_MAX:
            raise bad_request("too many messages to send as an album")
        kinds: list[str] = []
        for item in media:
            kind = item.get("type") if isinstance(item, dict) else None
            if kind in ("video", "audio"):
                raise not_simulated(f'InputMedia type "{kind}"')
            if kind not in ("photo", "document"):
                what = f'type "{kind}" can\'t be used in sendMediaGroup' if kind else 'Can\'t find field "type"'
                raise bad_request(f"can't parse InputMedia: {what}")
            kinds.append(kind)
        if "document" in kinds and "photo" in kinds:
            raise bad_request("document can't be mixed with other media types")
        captions = []
        for item in media:
            caption = item.get("caption")
            formatted = (
                format_text(
                    str(caption),
                    item.get("parse_mode"),
                    item.get("caption_entities"),
                    kind="caption",
                    users=self.user_lookup,
                )
                if caption
                else None
            )
            captions.append((formatted.text or None, formatted.entities) if formatted else (None, []))
        self._send_options(p)
        chat = self._send_target(p, "can_send_photos" if kinds[0] == "photo" else "can_send_documents")
        reply = self.reply_target(p, chat)
        resolved: list[SFile] = [
            self.input_file({k: item.get("media")}, files, k) for item, k in zip(media, kinds, strict=True)
        ]
        self.flood_check(chat, cost=len(media))
        group_id = str(next(self._media_groups)) if len(media) > 1 else None
        sent = [
            self._bot_message(
                chat,
                p,
                reply,
                caption=cap,
                caption_entities=ents,
                media_group_id=group_id,
                html=item.get("caption"),
                **{kind: file},
            ).to_dict()
            for item, kind, file, (cap, ents) in zip(media, kinds, resolved, captions, strict=True)
        ]
        return sent

    # --- editing -------------------------------------------------------------------------------

    def _editable(self, p: dict[str, Any]) -> tuple[SChat, SMessage]:
        if p.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")  # the sandbox has no inline messages
        chat = self.resolve_chat(p.get("chat_id"))
        self.check_access(chat)
        if p.get("message_id") is None:
            raise bad_request("message identifier is not specified")
        message = self.find_message(chat, p["message_id"], "edit")
        if not message.from_bot or message.is_service:
            raise bad_request("message can't be edited")
        return chat, message

    @staticmethod
    def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
        return markup if markup and "inline_keyboard" in markup else None

    def _apply_edit(self, chat: SChat, message: SMessage, **changes: Any) -> Any:
        self.flood_check(chat)
        message.edits.append(
            SEdit(
                message.edit_date or message.date,
                message.text,
                message.html,
                message.caption,
                message.reply_markup,
            )
        )
        for name, value in changes.items():
            setattr(message, name, value)
        message.edit_date = self.now()
        return message.to_dict()

    async def api_edit_message_text(self, p: dict[str, Any], files: Files) -> Any:
        """Edit the text (and inline keyboard) of a bot message."""
        text = p.get("text")
        if text is None or text == "":
            raise bad_request("message text is empty")
        formatted = self.format(str(text), p)
        chat, message = self._editable(p)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        markup = self.reply_markup(p, chat, inline_only=True)
        if (formatted.text, formatted.entities, markup) == (
            message.text,
            message.entities,
            self._inline(message.reply_markup),
        ):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(
            chat,
            message,
            text=formatted.text,
            entities=formatted.entities,
            html=str(text),
            reply_markup=markup,
        )

    async def api_edit_message_caption(self, p: dict[str, Any], files: Files) -> Any:
        """Edit the caption (and inline keyboard) of a bot media message."""
        caption, entities = self._caption(p)
        chat, message = self._editable(p)
        if message.photo is None and message.document is None:
            raise bad_request("there is no caption in the message to edit")
        markup = self.reply_markup(p, chat, inline_only=True)
        if (caption, entities, markup) == (
            message.caption,
            message.caption_entities,
            self._inline(message.reply_markup),
        ):
            raise bad_request(NOT_MODIFIED)
        html = str(p["caption"]) if p.get("caption") else None
        return self._apply_edit(
            chat, message, caption=caption, caption_entities=entities, html=html, reply_markup=markup
        )

    async def api_edit_message_reply_markup(self, p: dict[str, Any], files: Files) -> Any:
        """Replace (or remove) the inline keyboard of a bot message."""
        chat, message = self._editable(p)
        markup = self.reply_markup(p, chat, inline_only=True)
        if markup == self._inline(message.reply_markup):
            raise bad_request(NOT_MODIFIED)
        return self._apply_edit(chat, message, reply_markup=markup)

    async def api_delete_message(self, p: dict[str, Any], files: Files) -> Any:
        """Delete a message under Telegram's rules for bots."""
        chat = self.resolve_chat(p.get("chat_id"))
        self.check_access(chat)
        message = self.find_message(chat, p.get("message_id"), "delete")
        if message.is_service and chat.type == "private":
            raise bad_request("message can't be deleted")
        if not message.from_bot and chat.is_group and not self._can_delete_others(chat):
            raise bad_request("message can't be deleted")
        if self.now() - message.date > 48 * 3600:
            raise bad_request("message can't be deleted for everyone")  # bots: only within 48 hours
        message.deleted = True
        return True

    def _can_delete_others(self, chat: SChat) -> bool:
        member = chat.members.get(self.bot_user.id)
        if member is None or member.status not in ("creator", "administrator"):
            return False
        # In basic groups every admin may delete; in supergroups it takes can_delete_messages.
        return chat.type == "group" or member.rights.get("can_delete_messages", True)

    # --- forwarding and copying ----------------------------------------------------------------

    def _source(self, p: dict[str, Any], purpose: str) -> tuple[SChat, SMessage]:
        chat = self.resolve_chat(p.get("chat_id"))
        source_chat = self.resolve_chat(p.get("from_chat_id"), field="from_chat_id")
        self.check_access(source_chat)
        self._send_options(p)
        self.check_access(chat, send=True, right="can_send_messages")
        message = self.find_message(source_chat, p.get("message_id"), purpose)
        if message.is_service:
            raise bad_request(f"message can't be {purpose}ed" if purpose == "forward" else "message can't be copied")
        if message.protect_content:
            verb = "forwarded" if purpose == "forward" else "copied"
            raise bad_request(f"message has protected content and can't be {verb}")
        return chat, message

    def _content(self, message: SMessage) -> dict[str, Any]:
        return {
            "text": message.text,
            "entities": list(message.entities),
            "caption": message.caption,
            "caption_entities": list(message.caption_entities),
            "photo": message.photo,
            "document": message.document,
            "location": message.location,
        }

    async def api_forward_message(self, p: dict[str, Any], files: Files) -> Any:
        """Forward a message; the copy carries forward_origin."""
        chat, message = self._source(p, "forward")
        self.flood_check(chat)
        if message.forward_origin is not None:
            origin = message.forward_origin
        elif message.chat.type == "channel":
            origin = {
                "type": "channel",
                "chat": message.chat.to_dict(),
                "message_id": message.message_id,
                "date": message.date,
            }
        elif message.from_user is not None:
            origin = {"type": "user", "sender_user": message.from_user.to_dict(), "date": message.date}
        else:
            origin = {"type": "chat", "sender_chat": message.chat.to_dict(), "date": message.date}
        content = self._content(message)
        return self._bot_message(chat, p, None, forward_origin=origin, **content).to_dict()

    async def api_copy_message(self, p: dict[str, Any], files: Files) -> Any:
        """Copy a message without a link to the original; returns its MessageId."""
        chat, message = self._source(p, "copy")
        content = self._content(message)
        if "caption" in p and (message.photo or message.document):
            content["caption"], content["caption_entities"] = self._caption(p)
        markup = self.reply_markup(p, chat)
        reply = self.reply_target(p, chat)
        self.flood_check(chat)
        copy = self._bot_message(chat, p, reply, reply_markup=markup, **content)
        return {"message_id": copy.message_id}
