/**
 * How a host page reacts to the widget's events (used by the demo pages): it shows the
 * count of eligible measures in the page's own status line. Only counts leave the widget
 * here — the host decides what to do with the details.
 */
const status = document.querySelector('[data-policy-matcher-status]');
if (status) {
  const english = document.documentElement.lang.startsWith('en');
  document.addEventListener('policy-matcher:results', (event) => {
    // What the visitor can take up now: measures in force that fit or might fit.
    const { fits: eligible, might_fit: possible } = event.detail.summary?.counts ?? { fits: event.detail.counts.eligible, might_fit: event.detail.counts.possible };
    status.textContent = english
      ? `Host page: ${eligible} eligible, ${possible} possibly eligible.`
      : `本页提示：已找到符合的政策 ${eligible} 项，可能符合 ${possible} 项。`;
  });
}
