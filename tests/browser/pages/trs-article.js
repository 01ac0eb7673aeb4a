// The article's 【字体：大中小】 switcher, as TRS-style CMS templates have it (their doZoom):
// sets the article's text size, and the widget's through --pm-font-size.
for (const button of document.querySelectorAll('[data-zoom]')) {
  button.addEventListener('click', () => {
    const zoom = document.getElementById('zoom');
    zoom.style.fontSize = button.getAttribute('data-zoom');
    zoom.style.setProperty('--pm-font-size', button.getAttribute('data-zoom'));
  });
}
