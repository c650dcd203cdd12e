package org.agentcellphone.mcp;

/** The tools' input schemas (JSON Schema): argument names and types are part of the contract (SPEC §12). */
final class Schemas {

    private Schemas() {
    }

    static final String NONE = """
            {"type": "object", "properties": {}}""";

    static final String SEND_MESSAGE = """
            {"type": "object",
             "properties": {
               "to": {"description": "An agent id, a list of agent ids, 'captain' or 'all' (every active agent but you).",
                      "anyOf": [{"type": "string", "minLength": 1},
                                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]},
               "content": {"type": "string", "minLength": 1, "description": "The message text (Markdown)."},
               "priority": {"type": "string", "enum": ["regular", "urgent"],
                            "description": "regular (default) or urgent: urgent goes ahead of every regular message."},
               "subject": {"type": "string", "description": "A subject line."},
               "reply_to": {"type": "string", "description": "The id of the message this answers."},
               "tags": {"type": "array", "items": {"type": "string"}, "description": "Tags."},
               "ack_required": {"type": "boolean",
                                "description": "Ask each recipient to acknowledge it (their acknowledge tool)."}
             },
             "required": ["to", "content"]}""";

    static final String CHECK_INBOX = """
            {"type": "object",
             "properties": {
               "include_read": {"type": "boolean", "description": "Also list the messages already read."},
               "limit": {"type": "integer", "minimum": 1, "description": "At most this many messages (default 20)."}
             }}""";

    static final String MESSAGE_ID = """
            {"type": "object",
             "properties": {
               "id": {"type": "string", "minLength": 1, "description": "The message id."}
             },
             "required": ["id"]}""";

    static final String ACKNOWLEDGE = """
            {"type": "object",
             "properties": {
               "id": {"type": "string", "minLength": 1, "description": "The id of the message delivered to you."},
               "reply": {"type": "string", "description": "A reply to its sender (sent with in_reply_to = id)."}
             },
             "required": ["id"]}""";

    static final String LIST_TASKS = """
            {"type": "object",
             "properties": {
               "state": {"type": "string", "enum": ["available", "claimed", "completed"],
                         "description": "Only the tasks in this state."}
             }}""";

    static final String TASK_ID = """
            {"type": "object",
             "properties": {
               "id": {"type": "string", "minLength": 1, "description": "The task's id (list_tasks shows it)."}
             },
             "required": ["id"]}""";

    static final String ADD_TASK = """
            {"type": "object",
             "properties": {
               "title": {"type": "string", "minLength": 1, "description": "What is to be done."},
               "description": {"type": "string", "description": "More about it."},
               "priority": {"type": "string", "enum": ["low", "medium", "high", "critical"],
                            "description": "medium (default); higher ones are handed out first."},
               "points": {"type": "integer", "minimum": 0, "description": "Its size in points (default 0)."}
             },
             "required": ["title"]}""";

    static final String UPDATE_STATUS = """
            {"type": "object",
             "properties": {
               "status": {"type": "string", "minLength": 1,
                          "description": "Your status, e.g. ACTIVE, BLOCKED, WAITING, IDLE."},
               "mission": {"type": "string", "description": "What you are working on (current_mission)."},
               "note": {"type": "string", "description": "A short note for the captain."}
             },
             "required": ["status"]}""";
}
