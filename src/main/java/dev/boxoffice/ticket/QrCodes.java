package dev.boxoffice.ticket;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * Renders a ticket code as a QR code PNG. Medium error correction survives a scratched
 * phone screen; the quiet zone of four modules is what scanners need around the code.
 */
@Component
class QrCodes {

	private static final int SIZE = 320;

	private static final Map<EncodeHintType, Object> HINTS = Map.of(EncodeHintType.ERROR_CORRECTION,
			ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "US-ASCII");

	static {
		// ImageIO would otherwise buffer every image through a temporary file.
		ImageIO.setUseCache(false);
	}

	/**
	 * The PNG, rendered off the event loop: ImageIO takes locks and loads its plugins on
	 * first use.
	 */
	Mono<byte[]> png(String text) {
		return Mono.fromCallable(() -> render(text)).subscribeOn(Schedulers.boundedElastic());
	}

	private static byte[] render(String text) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE, HINTS);
		}
		catch (WriterException tooLong) {
			throw new IllegalArgumentException("Cannot encode a ticket code of " + text.length() + " characters",
					tooLong);
		}
		BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", png);
		}
		catch (IOException impossible) {
			throw new UncheckedIOException(impossible);
		}
		return png.toByteArray();
	}

}
