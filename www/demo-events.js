/**
 * How a host page reacts to the widget's events (used by the demo pages): it shows the
 * count of eligible measures in the page's own status line. Only counts leave the widget
 * here — the host decides what to do with the details.
 */
const status = document.querySelector('[data-policy-matcher-status]');
if (status) {
  const english = document.documentElement.lang.startsWith('en');
  document.addEventListener('policy-matcher:results', (event) => {
    const { eligible, possible } = event.detail.counts;
    status.textContent = english
      ? `Host page: ${eligible} eligible, ${possible} possibly eligible.`
      : `本页提示：已找到符合的政策 ${eligible} 项，可能符合 ${possible} 项。`;
  });
}
