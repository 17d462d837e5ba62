// shared_queue/receiver: a Wasm Service (a singleton VM, no streams) that receives what the
// sender's VMs enqueue, after the Go SDK example of the same name. Each plugin (root id) in
// this VM takes the name of its queue from its plugin configuration, registers it, and
// drains it whenever the host reports an item (onQueueReady).
import {
  PluginContext,
  Status,
  dequeueSharedQueueString,
  getLastStatus,
  getPluginConfigurationString,
  logCritical,
  logInfo,
  registerSharedQueue,
  setPluginContext,
} from "proxy-wasm-ts";

class ReceiverPlugin extends PluginContext {
  queueName: string = "";

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.queueName = getPluginConfigurationString();
    if (this.queueName.length == 0) {
      logCritical("the plugin configuration must name the queue to receive on");
      return false;
    }
    // The queue belongs to this VM's vm_id; the sender resolves it by (vm_id, name).
    const queueId = registerSharedQueue(this.queueName);
    if (queueId == 0) {
      logCritical(`cannot register queue "${this.queueName}": status ${getLastStatus()}`);
      return false;
    }
    logInfo(
      `queue "${this.queueName}" registered as queueID=${queueId} by contextID=${this.contextId}`,
    );
    return true;
  }

  onQueueReady(queueId: u32): void {
    // One notice may stand for several items: take all there are. Empty ends the loop.
    for (;;) {
      const item = dequeueSharedQueueString(queueId);
      if (item == null) {
        if (getLastStatus() != Status.Empty)
          logCritical(`cannot dequeue from queue ${queueId}: status ${getLastStatus()}`);
        return;
      }
      logInfo(
        `(contextID=${this.contextId}) dequeued data from ${this.queueName}(queueID=${queueId}): ${item}`,
      );
    }
  }
}

setPluginContext((contextId: u32): PluginContext => new ReceiverPlugin());
