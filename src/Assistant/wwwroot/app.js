// BankingLlm web chat: the /hubs/chat contract (docs/hub.md) with the SignalR JavaScript client in lib/.
// Everything the server sends is already masked; it is rendered as text (never as HTML), masks highlighted.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $("status"), signin: $("signin"), demo: $("demo"), tokenForm: $("token-form"), token: $("token"),
    chat: $("chat"), messages: $("messages"), composer: $("composer"), message: $("message"), send: $("send"),
    pending: $("pending"), pendingSummary: $("pending-summary"), confirm: $("confirm"), cancel: $("cancel"),
    error: $("error"), errorCode: $("error-code"), errorText: $("error-text"), errorClose: $("error-close"),
  };

  const errorTexts = {
    unauthorized: "Your sign-in has expired or is not valid. Sign in again.",
    invalid_argument: "That request was not valid.",
    session_not_found: "This conversation was not found. Reload to start a new one.",
    session_ended: "This conversation has ended. Reload to start a new one.",
    message_too_large: "That message is too long.",
    rate_limited: "Too many messages in a short time. Wait a moment and try again.",
    internal_error: "Something went wrong on our side; nothing was changed. Please try again.",
    cancelled: "The request was cancelled.",
    connection: "Cannot reach the assistant. Check your connection and try again.",
  };

  // Display masks of the PII guard: ***-**-6789, **** 4242, ***-***-0132, d***@example.com, [address], placeholders.
  const maskPattern = /\*{3}-\*{2}-\w{4}|\*{3}-\*{3}-\w{4}|\*{4} \w{4}|\w?\*{3}@[\w.-]+|\*{3,}\w{0,3}|\[(?:address|redacted|[A-Z_]+_\d+)\]/g;

  let connection = null;
  let sessionId = null;
  let pendingAction = null;
  let busy = false;

  function codeOf(message) {
    const match = /\[([a-z_]+)\]/.exec(message || "");
    return match ? match[1] : null;
  }

  function showError(err) {
    const message = err && err.message ? err.message : String(err);
    const code = codeOf(message) || (/\b401\b|unauthorized/i.test(message) ? "unauthorized" : "connection");
    ui.errorCode.textContent = "[" + code + "]";
    const detail = /\] (.*)$/.exec(message);
    ui.errorText.textContent = errorTexts[code] || (detail ? detail[1] : message);
    ui.error.dataset.code = code;
    ui.error.hidden = false;
  }

  function hideError() {
    ui.error.hidden = true;
    delete ui.error.dataset.code;
  }

  function setStatus(state, text) {
    ui.status.dataset.state = state;
    ui.status.textContent = text;
  }

  function renderMasked(element, text) {
    element.textContent = "";
    let last = 0;
    for (const match of text.matchAll(maskPattern)) {
      element.append(document.createTextNode(text.slice(last, match.index)));
      const span = document.createElement("span");
      span.className = "masked";
      span.title = "Masked for your protection";
      span.textContent = match[0];
      element.append(span);
      last = match.index + match[0].length;
    }
    element.append(document.createTextNode(text.slice(last)));
  }

  function addMessage(kind, text) {
    const item = document.createElement("li");
    item.className = kind;
    renderMasked(item, text);
    ui.messages.append(item);
    item.scrollIntoView({ block: "end" });
    return item;
  }

  function setPending(action) {
    pendingAction = action || null;
    ui.pending.hidden = !pendingAction;
    ui.pendingSummary.textContent = pendingAction ? pendingAction.summary : "";
    ui.confirm.disabled = ui.cancel.disabled = busy;
  }

  function setBusy(value) {
    busy = value;
    ui.send.disabled = value;
    ui.confirm.disabled = ui.cancel.disabled = value;
  }

  // Streams one reply (SendMessage, ConfirmAction or CancelAction) into a new assistant bubble, chunk by chunk.
  function streamReply(method, arg) {
    hideError();
    setBusy(true);
    const bubble = addMessage("assistant streaming", "");
    bubble.dataset.chunks = "0";
    let text = "";
    return new Promise((resolve) => {
      connection.stream(method, sessionId, arg).subscribe({
        next: (chunk) => {
          if (chunk.kind === "delta") {
            text += chunk.text;
            bubble.textContent = text;
            bubble.dataset.chunks = String(Number(bubble.dataset.chunks) + 1);
            return;
          }
          bubble.classList.remove("streaming");
          if (chunk.routedToStaff) {
            bubble.className = "notice";
            bubble.textContent = "Sent to our team member.";
          } else {
            renderMasked(bubble, chunk.text);
            if (chunk.tools && chunk.tools.length) {
              const tools = document.createElement("span");
              tools.className = "tools";
              tools.textContent = chunk.tools.join(", ");
              bubble.append(tools);
            }
          }
          bubble.dataset.final = "true";
          setPending(chunk.pendingAction);
        },
        complete: () => { setBusy(false); setPending(pendingAction); resolve(); },
        error: (err) => {
          bubble.remove();
          setBusy(false);
          setPending(pendingAction);
          showError(err);
          resolve();
        },
      });
    });
  }

  async function connect(token) {
    hideError();
    connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/chat", { accessTokenFactory: () => token })
      .withStatefulReconnect()
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on("StaffMessage", (_, text) => addMessage("staff", text));
    connection.on("Handoff", (_, state) => {
      const notices = {
        staff_joined: "A member of our team has joined the conversation.",
        assistant: "You are back with the assistant.",
        waiting: "You are waiting for a member of our team.",
      };
      addMessage("notice", notices[state] || state);
    });
    connection.onreconnecting(() => setStatus("reconnecting", "Reconnecting…"));
    connection.onreconnected(() => setStatus("connected", "Connected"));
    connection.onclose(() => setStatus("signed-out", "Disconnected"));
    try {
      await connection.start();
      const started = await connection.invoke("StartSession", {
        channel: "web", deviceType: "browser", language: (navigator.language || "en").slice(0, 10),
      });
      sessionId = started.sessionId;
      sessionStorage.setItem("bankingllm.token", token);
      ui.signin.hidden = true;
      ui.chat.hidden = false;
      setStatus("connected", "Connected");
      ui.message.focus();
    } catch (err) {
      sessionStorage.removeItem("bankingllm.token");
      showError(err);
      setStatus("signed-out", "Signed out");
      connection = null;
    }
  }

  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.message.value.trim();
    if (!text || busy) {
      return;
    }
    addMessage("user", text);
    ui.message.value = "";
    streamReply("SendMessage", text);
  });
  ui.confirm.addEventListener("click", () => pendingAction && streamReply("ConfirmAction", pendingAction.actionId));
  ui.cancel.addEventListener("click", () => pendingAction && streamReply("CancelAction", pendingAction.actionId));
  ui.errorClose.addEventListener("click", hideError);

  ui.tokenForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const token = ui.token.value.trim();
    if (token) {
      connect(token);
    }
  });

  ui.demo.addEventListener("click", async () => {
    hideError();
    const response = await fetch("/dev/demo-token", { method: "POST" });
    if (!response.ok) {
      showError({ message: "[unauthorized] Demo tokens exist only on a developer machine; use your bank's sign-in." });
      return;
    }
    connect((await response.json()).token);
  });

  // The embedding app passes the token in the fragment (never sent to the server, removed from the address bar).
  const fragment = new URLSearchParams(location.hash.slice(1));
  const given = fragment.get("access_token");
  if (given) {
    history.replaceState(null, "", location.pathname + location.search);
    connect(given);
  } else if (sessionStorage.getItem("bankingllm.token")) {
    connect(sessionStorage.getItem("bankingllm.token"));
  }
})();
