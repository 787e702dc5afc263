export default defineBackground(() => {
  // The background worker alone will hold the agent token and talk to the server (issue #4).
});
