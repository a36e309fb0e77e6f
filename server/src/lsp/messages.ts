import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';

/** `window/showMessage` to the user; some messages only once per session. */
export class ClientMessages {
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Connection) {}

  show(message: string, type: MessageType = MessageType.Warning): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }

  showOnce(message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.show(message);
  }
}
