// Kept minimal and silent (no network, no messages): it gives the extension a service worker,
// which is how tests discover the extension id. Message routing will be added here later.
export default defineBackground(() => {});
